package io.lockstep.runtime.host;

import io.lockstep.runtime.CapabilityGrant;
import io.lockstep.runtime.EmittedMessage;
import io.lockstep.runtime.LogEntry;
import io.lockstep.runtime.Velocity;
import java.util.ArrayList;
import java.util.List;

/**
 * Host-side state of one agent: what its host functions read and write. Persistent parts (kv store, rng,
 * progress, emission sequence) are snapshotted; per-tick parts are reset by {@link #beginTick()}.
 */
public final class AgentHost {
    public static final int MAX_LOGS_PER_TICK = 16;
    public static final int MAX_LOG_BYTES = 1024;
    public static final int MAX_EMITS_PER_TICK = 64;
    public static final int MAX_TOPIC_BYTES = 256;
    public static final int MAX_EMIT_BYTES = 65_536;

    private final int index;
    private final String name;
    private final CapabilityGrant grant;
    private final TickContext tick;
    private final KvStore kv = new KvStore();
    private SplitMix64 rng;
    private int progressPermille;
    private long lastEmitSeq;

    private final List<LogEntry> logs = new ArrayList<>();
    private int logCalls;
    private final List<EmittedMessage> emits = new ArrayList<>();
    private Velocity velocity;
    private int inferenceCalls;

    public AgentHost(int index, String name, CapabilityGrant grant, long rngSeed, TickContext tick) {
        this.index = index;
        this.name = name;
        this.grant = grant;
        this.rng = new SplitMix64(rngSeed);
        this.tick = tick;
    }

    public void beginTick() {
        logs.clear();
        logCalls = 0;
        emits.clear();
        velocity = null;
        inferenceCalls = 0;
    }

    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public CapabilityGrant grant() {
        return grant;
    }

    public TickContext tick() {
        return tick;
    }

    public KvStore kv() {
        return kv;
    }

    public SplitMix64 rng() {
        return rng;
    }

    public int progressPermille() {
        return progressPermille;
    }

    public long lastEmitSeq() {
        return lastEmitSeq;
    }

    public List<LogEntry> logs() {
        return logs;
    }

    public int logCalls() {
        return logCalls;
    }

    public List<EmittedMessage> emits() {
        return emits;
    }

    public Velocity velocity() {
        return velocity;
    }

    public int inferenceCalls() {
        return inferenceCalls;
    }

    /** Restores the snapshotted parts. */
    public void restore(long rngState, int progress, long emitSeq) {
        this.rng = new SplitMix64(rngState);
        this.progressPermille = progress;
        this.lastEmitSeq = emitSeq;
    }

    void log(int level, String message) {
        logCalls++;
        if (logs.size() < MAX_LOGS_PER_TICK) {
            logs.add(new LogEntry(name, level, message));
        }
    }

    void progress(int permille) {
        progressPermille = Math.max(0, Math.min(1000, permille));
    }

    boolean emitQuotaLeft() {
        return emits.size() < MAX_EMITS_PER_TICK;
    }

    void emit(String topic, byte[] data) {
        emits.add(new EmittedMessage(name, ++lastEmitSeq, topic, data));
    }

    void velocity(Velocity v) {
        velocity = v;
    }

    void countInference() {
        inferenceCalls++;
    }
}
