package io.lockstep.runtime.journal;

import io.lockstep.runtime.AgentDefinition;
import io.lockstep.runtime.AgentState;
import io.lockstep.runtime.CapabilityGrant;
import io.lockstep.runtime.ExecutionMode;
import io.lockstep.runtime.InputEvent;
import io.lockstep.runtime.JournalException;
import io.lockstep.runtime.Parameter;
import io.lockstep.runtime.PeerMessage;
import io.lockstep.runtime.RuntimeLimits;
import io.lockstep.runtime.engine.AgentDigest;
import io.lockstep.runtime.engine.AgentStateData;
import io.lockstep.runtime.engine.CanonicalInputs;
import io.lockstep.runtime.engine.EngineSnapshot;
import io.lockstep.runtime.engine.LocalMessage;
import io.lockstep.runtime.engine.MissionSetup;
import io.lockstep.runtime.host.InferenceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Encodes and decodes record payloads. Decoding never trusts a length: bad payloads raise JournalException. */
public final class JournalCodec {
    private static final int PAGE = 65_536;
    private static final int MAX_ITEMS = 1 << 24;

    private JournalCodec() {
    }

    // ---- header ----

    public static byte[] header(MissionSetup s) {
        PayloadWriter w = new PayloadWriter();
        w.i32(JournalFormat.FORMAT_VERSION).string(s.missionId()).string(s.nodeId());
        RuntimeLimits l = s.limits();
        w.i64(l.fuelPerTick()).i32(l.maxMemoryPages()).i32(l.maxCallDepth()).i32(l.maxModuleBytes())
                .i32(l.snapshotEveryTicks());
        w.string(s.mode().name()).i32(s.shareIndex()).i32(s.shareCount());
        double[] area = s.area();
        w.i32(area.length);
        for (double v : area) {
            w.f64(v);
        }
        long[] seeds = s.rngSeeds();
        w.i32(s.agents().size());
        for (int i = 0; i < s.agents().size(); i++) {
            AgentDefinition a = s.agents().get(i);
            w.string(a.name()).bytes(a.wasm()).i64(seeds[i]);
            w.i32(a.params().size());
            for (Parameter p : a.params()) {
                w.string(p.key()).string(p.value());
            }
            CapabilityGrant g = a.grant();
            for (List<String> list : List.of(g.hostFunctions(), g.emitTopics(), g.models(), g.subscribeTopics())) {
                w.i32(list.size());
                list.forEach(w::string);
            }
        }
        return w.toByteArray();
    }

    public static MissionSetup header(byte[] payload) {
        PayloadReader r = new PayloadReader(payload, "header record");
        int version = r.i32();
        if (version != JournalFormat.FORMAT_VERSION) {
            throw new JournalException("unsupported journal format version " + version);
        }
        String mission = r.string();
        String node = r.string();
        try {
            RuntimeLimits limits = new RuntimeLimits(r.i64(), r.i32(), r.i32(), r.i32(), r.i32());
            ExecutionMode mode = ExecutionMode.valueOf(r.string());
            int shareIndex = r.i32();
            int shareCount = r.i32();
            double[] area = new double[r.count(MAX_ITEMS)];
            for (int i = 0; i < area.length; i++) {
                area[i] = r.f64();
            }
            int n = r.count(10_000);
            List<AgentDefinition> agents = new ArrayList<>();
            long[] seeds = new long[n];
            for (int i = 0; i < n; i++) {
                String name = r.string();
                byte[] wasm = r.bytes();
                seeds[i] = r.i64();
                int pc = r.count(MAX_ITEMS);
                List<Parameter> params = new ArrayList<>();
                for (int p = 0; p < pc; p++) {
                    params.add(new Parameter(r.string(), r.string()));
                }
                List<List<String>> lists = new ArrayList<>();
                for (int k = 0; k < 4; k++) {
                    int c = r.count(MAX_ITEMS);
                    List<String> list = new ArrayList<>();
                    for (int j = 0; j < c; j++) {
                        list.add(r.string());
                    }
                    lists.add(list);
                }
                agents.add(new AgentDefinition(name, wasm, params,
                        new CapabilityGrant(lists.get(0), lists.get(1), lists.get(2), lists.get(3))));
            }
            r.end();
            return new MissionSetup(mission, node, agents, area, shareIndex, shareCount, limits, mode, seeds);
        } catch (IllegalArgumentException e) {
            throw new JournalException("header record: " + e.getMessage(), e);
        }
    }

    // ---- inputs ----

    public static byte[] inputs(CanonicalInputs in) {
        PayloadWriter w = new PayloadWriter();
        w.i64(in.tick()).bytes(in.sensorFrame()).i32(in.peerMessages().size());
        for (PeerMessage m : in.peerMessages()) {
            w.string(m.sender()).i64(m.seq()).string(m.topic()).bytes(m.data());
        }
        for (List<InputEvent> events : List.of(in.commands(), in.hostEvents())) {
            w.i32(events.size());
            for (InputEvent e : events) {
                w.string(e.kind()).bytes(e.data());
            }
        }
        return w.toByteArray();
    }

    public static CanonicalInputs inputs(byte[] payload) {
        PayloadReader r = new PayloadReader(payload, "inputs record");
        try {
            long tick = r.i64();
            byte[] frame = r.bytes();
            int n = r.count(MAX_ITEMS);
            List<PeerMessage> peers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                peers.add(new PeerMessage(r.string(), r.i64(), r.string(), r.bytes()));
            }
            List<List<InputEvent>> events = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                int c = r.count(MAX_ITEMS);
                List<InputEvent> list = new ArrayList<>();
                for (int i = 0; i < c; i++) {
                    list.add(new InputEvent(r.string(), r.bytes()));
                }
                events.add(list);
            }
            r.end();
            return new CanonicalInputs(tick, frame, peers, events.get(0), events.get(1));
        } catch (IllegalArgumentException e) {
            throw new JournalException("inputs record: " + e.getMessage(), e);
        }
    }

    // ---- results ----

    public static byte[] result(TickRecord t) {
        PayloadWriter w = new PayloadWriter(64 + 64 * t.digests().size());
        w.i64(t.tick()).i32(t.inference().size());
        for (InferenceRecord i : t.inference()) {
            w.i32(i.agentIndex()).string(i.model()).i32(i.code()).i32(i.outputs().length);
            for (float f : i.outputs()) {
                w.i32(Float.floatToRawIntBits(f));
            }
        }
        w.i64(t.outputsDigest()).i32(t.digests().size());
        for (AgentDigest d : t.digests()) {
            w.u8(d.state().ordinal()).string(d.fault()).i64(d.fuelUsed()).i32(d.progressPermille())
                    .i32(d.memoryPages()).i32(d.memoryCrc()).i64(d.globalsHash()).i64(d.kvHash())
                    .i64(d.outputsHash());
        }
        w.raw(t.fingerprint(), 0, 32);
        return w.toByteArray();
    }

    public static TickRecord result(byte[] payload) {
        PayloadReader r = new PayloadReader(payload, "result record");
        long tick = r.i64();
        int n = r.count(MAX_ITEMS);
        List<InferenceRecord> inference = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int agent = r.i32();
            String model = r.string();
            int code = r.i32();
            float[] out = new float[r.count(MAX_ITEMS)];
            for (int k = 0; k < out.length; k++) {
                out[k] = Float.intBitsToFloat(r.i32());
            }
            inference.add(new InferenceRecord(agent, model, code, out));
        }
        long outputs = r.i64();
        int agents = r.count(10_000);
        List<AgentDigest> digests = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            digests.add(new AgentDigest(state(r.u8()), r.string(), r.i64(), r.i32(), r.i32(), r.i32(), r.i64(),
                    r.i64(), r.i64()));
        }
        byte[] fingerprint = r.raw(32);
        r.end();
        return new TickRecord(tick, inference, outputs, digests, fingerprint);
    }

    private static AgentState state(int ordinal) {
        AgentState[] all = AgentState.values();
        if (ordinal >= all.length) {
            throw new JournalException("unknown agent state " + ordinal);
        }
        return all[ordinal];
    }

    // ---- snapshots ----

    public static byte[] snapshot(EngineSnapshot s) {
        long expected = 1024;
        for (AgentStateData a : s.agents()) {
            expected += a.memory().length + 8L * a.globals().length + 256;
        }
        PayloadWriter w = new PayloadWriter((int) Math.min(expected, Integer.MAX_VALUE - 16));
        w.i64(s.tick()).raw(s.fingerprint(), 0, 32).i32(s.pending().size());
        for (LocalMessage m : s.pending()) {
            w.string(m.sender()).i64(m.seq()).string(m.topic()).bytes(m.data());
        }
        w.i32(s.agents().size());
        for (AgentStateData a : s.agents()) {
            w.string(a.name()).u8(a.state().ordinal()).string(a.fault()).i32(a.progressPermille())
                    .i64(a.rngState()).i64(a.lastEmitSeq()).i32(a.memoryPages()).raw(a.memorySha256(), 0, 32);
            // Zero pages are common (stack and heap headroom) and are stored as a single flag byte.
            for (int p = 0; p < a.memoryPages(); p++) {
                boolean zero = isZero(a.memory(), p * PAGE);
                w.u8(zero ? 0 : 1);
                if (!zero) {
                    w.raw(a.memory(), p * PAGE, PAGE);
                }
            }
            w.i32(a.globals().length);
            for (long g : a.globals()) {
                w.i64(g);
            }
            w.i32(a.kv().size());
            a.kv().forEach((k, v) -> w.string(k).bytes(v));
        }
        // Appended after the agents so snapshots written before it (which end here) still decode.
        w.i32(s.agents().size());
        for (AgentStateData a : s.agents()) {
            w.i64(a.reportedFuel());
        }
        return w.toByteArray();
    }

    public static EngineSnapshot snapshot(byte[] payload) {
        PayloadReader r = new PayloadReader(payload, "snapshot record");
        long tick = r.i64();
        byte[] fingerprint = r.raw(32);
        int n = r.count(MAX_ITEMS);
        List<LocalMessage> pending = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pending.add(new LocalMessage(r.string(), r.i64(), r.string(), r.bytes()));
        }
        int agents = r.count(10_000);
        List<AgentStateData> data = new ArrayList<>();
        List<AgentStateData> decoded = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            String name = r.string();
            AgentState state = state(r.u8());
            String fault = r.string();
            int progress = r.i32();
            long rng = r.i64();
            long seq = r.i64();
            int pages = r.count(65_536);
            byte[] memorySha256 = r.raw(32);
            byte[] memory = new byte[pages * PAGE];
            for (int p = 0; p < pages; p++) {
                int flag = r.u8();
                if (flag == 1) {
                    System.arraycopy(r.raw(PAGE), 0, memory, p * PAGE, PAGE);
                } else if (flag != 0) {
                    throw new JournalException("snapshot record: bad page flag " + flag);
                }
            }
            long[] globals = new long[r.count(MAX_ITEMS)];
            for (int g = 0; g < globals.length; g++) {
                globals[g] = r.i64();
            }
            int kvCount = r.count(MAX_ITEMS);
            TreeMap<String, byte[]> kv = new TreeMap<>();
            for (int k = 0; k < kvCount; k++) {
                kv.put(r.string(), r.bytes());
            }
            if (!java.util.Arrays.equals(AgentStateData.sha256(memory), memorySha256)) {
                throw new JournalException("snapshot record: memory of agent " + name + " does not match its hash");
            }
            decoded.add(new AgentStateData(name, state, fault, progress, rng, seq, pages, memory, memorySha256, globals,
                    kv, 0));
        }
        long[] reportedFuel = new long[agents];
        if (r.hasMore()) {
            if (r.i32() != agents) {
                throw new JournalException("snapshot record: fuel count does not match the agent count " + agents);
            }
            for (int i = 0; i < agents; i++) {
                reportedFuel[i] = r.i64();
            }
        }
        for (int i = 0; i < agents; i++) {
            AgentStateData a = decoded.get(i);
            data.add(new AgentStateData(a.name(), a.state(), a.fault(), a.progressPermille(), a.rngState(),
                    a.lastEmitSeq(), a.memoryPages(), a.memory(), a.memorySha256(), a.globals(), a.kv(),
                    reportedFuel[i]));
        }
        r.end();
        return new EngineSnapshot(tick, fingerprint, pending, data);
    }

    private static boolean isZero(byte[] b, int from) {
        for (int i = from; i < from + PAGE; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
