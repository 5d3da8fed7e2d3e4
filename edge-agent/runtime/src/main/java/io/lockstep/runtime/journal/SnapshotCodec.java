package io.lockstep.runtime.journal;

import io.lockstep.runtime.AgentState;
import io.lockstep.runtime.JournalException;
import io.lockstep.runtime.engine.AgentStateData;
import io.lockstep.runtime.engine.EngineSnapshot;
import io.lockstep.runtime.engine.Hashing;
import io.lockstep.runtime.engine.LocalMessage;
import io.lockstep.runtime.engine.MemoryRun;
import io.lockstep.runtime.engine.SnapshotMemory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Encodes {@link RecordType#SNAPSHOT} payloads (each memory as the runs that differ from the module's fresh
 * memory) and decodes them and the older {@link RecordType#FULL_SNAPSHOT} layout (each memory whole). Layouts:
 * docs/journal.md.
 */
public final class SnapshotCodec {
    private static final int PAGE = 65_536;
    private static final int MAX_PAGES = 65_536;
    private static final int MAX_ITEMS = 1 << 24;
    private static final int MAX_AGENTS = 10_000;

    private SnapshotCodec() {
    }

    public static byte[] encode(EngineSnapshot s) {
        long expected = 1024;
        for (AgentStateData a : s.agents()) {
            expected += a.memory().storedBytes() + 8L * a.memory().runs().size() + 8L * a.globals().length + 256;
        }
        PayloadWriter w = new PayloadWriter((int) Math.min(expected, Integer.MAX_VALUE - 16));
        w.i64(s.tick()).raw(s.fingerprint(), 0, 32).i32(s.pending().size());
        for (LocalMessage m : s.pending()) {
            w.string(m.sender()).i64(m.seq()).string(m.topic()).bytes(m.data());
        }
        w.i32(s.agents().size());
        for (AgentStateData a : s.agents()) {
            SnapshotMemory memory = a.memory();
            if (memory.baseSha256() == null) {
                throw new IllegalArgumentException("agent " + a.name() + ": snapshots are written over the fresh memory");
            }
            w.string(a.name()).u8(a.state().ordinal()).string(a.fault()).i32(a.progressPermille())
                    .i64(a.rngState()).i64(a.lastEmitSeq()).i32(memory.pages()).raw(memory.baseSha256(), 0, 32)
                    .i32(memory.crc32c()).i32(memory.runs().size());
            for (MemoryRun run : memory.runs()) {
                w.i32(run.offset()).bytes(run.data());
            }
            globalsAndKv(w, a);
            w.i64(a.reportedFuel());
        }
        return w.toByteArray();
    }

    private static void globalsAndKv(PayloadWriter w, AgentStateData a) {
        w.i32(a.globals().length);
        for (long g : a.globals()) {
            w.i64(g);
        }
        w.i32(a.kv().size());
        a.kv().forEach((k, v) -> w.string(k).bytes(v));
    }

    /**
     * @param type {@link RecordType#SNAPSHOT} or {@link RecordType#FULL_SNAPSHOT}
     * @throws JournalException when the payload is not a consistent snapshot of that type
     */
    public static EngineSnapshot decode(RecordType type, byte[] payload) {
        return switch (type) {
            case SNAPSHOT -> decodeRuns(payload);
            case FULL_SNAPSHOT -> decodeFull(payload);
            default -> throw new IllegalArgumentException(type + " is not a snapshot");
        };
    }

    private record Head(long tick, byte[] fingerprint, List<LocalMessage> pending, int agents) {
        static Head read(PayloadReader r) {
            long tick = r.i64();
            byte[] fingerprint = r.raw(32);
            int n = r.count(MAX_ITEMS);
            List<LocalMessage> pending = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                pending.add(new LocalMessage(r.string(), r.i64(), r.string(), r.bytes()));
            }
            return new Head(tick, fingerprint, pending, r.count(MAX_AGENTS));
        }
    }

    /** The fields every agent of either layout starts with. */
    private record AgentHead(String name, AgentState state, String fault, int progress, long rng, long seq) {
        static AgentHead read(PayloadReader r) {
            return new AgentHead(r.string(), JournalCodec.state(r.u8()), r.string(), r.i32(), r.i64(), r.i64());
        }

        AgentStateData with(SnapshotMemory memory, long[] globals, TreeMap<String, byte[]> kv, long reportedFuel) {
            return new AgentStateData(name, state, fault, progress, rng, seq, memory, globals, kv, reportedFuel);
        }
    }

    private static EngineSnapshot decodeRuns(byte[] payload) {
        String what = "snapshot record";
        PayloadReader r = new PayloadReader(payload, what);
        Head head = Head.read(r);
        List<AgentStateData> agents = new ArrayList<>();
        for (int i = 0; i < head.agents(); i++) {
            AgentHead agent = AgentHead.read(r);
            String name = agent.name();
            int pages = r.count(MAX_PAGES);
            byte[] baseSha256 = r.raw(32);
            int crc = r.i32();
            long size = (long) pages * PAGE;
            int count = r.count(MAX_ITEMS);
            List<MemoryRun> runs = new ArrayList<>(count);
            long end = 0;
            for (int k = 0; k < count; k++) {
                int offset = r.i32();
                byte[] data = r.bytes();
                if (offset < end || data.length == 0 || offset + (long) data.length > size) {
                    throw new JournalException(what + ": memory run " + k + " of agent " + name + " (offset " + offset
                            + ", " + data.length + " bytes) is empty, out of order or outside its " + pages + " pages");
                }
                runs.add(new MemoryRun(offset, data));
                end = offset + (long) data.length;
            }
            long[] globals = globals(r);
            TreeMap<String, byte[]> kv = kv(r);
            long reportedFuel = r.i64();
            agents.add(agent.with(new SnapshotMemory(pages, baseSha256, runs, crc), globals, kv, reportedFuel));
        }
        r.end();
        return new EngineSnapshot(head.tick(), head.fingerprint(), head.pending(), agents);
    }

    /** The older layout: whole memories (zero pages as a flag) with a SHA-256 each, the fuel list appended later. */
    private static EngineSnapshot decodeFull(byte[] payload) {
        String what = "snapshot record";
        PayloadReader r = new PayloadReader(payload, what);
        Head head = Head.read(r);
        List<AgentStateData> decoded = new ArrayList<>();
        for (int i = 0; i < head.agents(); i++) {
            AgentHead agent = AgentHead.read(r);
            String name = agent.name();
            int pages = r.count(Integer.MAX_VALUE / PAGE);
            byte[] memorySha256 = r.raw(32);
            byte[] memory = new byte[pages * PAGE];
            List<MemoryRun> runs = new ArrayList<>();
            for (int p = 0; p < pages; p++) {
                int flag = r.u8();
                if (flag == 1) {
                    byte[] page = r.raw(PAGE);
                    System.arraycopy(page, 0, memory, p * PAGE, PAGE);
                    runs.add(new MemoryRun(p * PAGE, page));
                } else if (flag != 0) {
                    throw new JournalException(what + ": bad page flag " + flag);
                }
            }
            long[] globals = globals(r);
            TreeMap<String, byte[]> kv = kv(r);
            if (!Arrays.equals(Hashing.sha256().digest(memory), memorySha256)) {
                throw new JournalException(what + ": memory of agent " + name + " does not match its hash");
            }
            CRC32C crc = new CRC32C();
            crc.update(memory);
            decoded.add(agent.with(new SnapshotMemory(pages, null, runs, (int) crc.getValue()), globals, kv, 0));
        }
        long[] reportedFuel = new long[head.agents()];
        if (r.hasMore()) {
            if (r.i32() != head.agents()) {
                throw new JournalException(what + ": fuel count does not match the agent count " + head.agents());
            }
            for (int i = 0; i < head.agents(); i++) {
                reportedFuel[i] = r.i64();
            }
        }
        r.end();
        List<AgentStateData> agents = new ArrayList<>();
        for (int i = 0; i < head.agents(); i++) {
            AgentStateData a = decoded.get(i);
            agents.add(new AgentStateData(a.name(), a.state(), a.fault(), a.progressPermille(), a.rngState(),
                    a.lastEmitSeq(), a.memory(), a.globals(), a.kv(), reportedFuel[i]));
        }
        return new EngineSnapshot(head.tick(), head.fingerprint(), head.pending(), agents);
    }

    private static long[] globals(PayloadReader r) {
        long[] globals = new long[r.count(MAX_ITEMS)];
        for (int g = 0; g < globals.length; g++) {
            globals[g] = r.i64();
        }
        return globals;
    }

    private static TreeMap<String, byte[]> kv(PayloadReader r) {
        int count = r.count(MAX_ITEMS);
        TreeMap<String, byte[]> kv = new TreeMap<>();
        for (int k = 0; k < count; k++) {
            kv.put(r.string(), r.bytes());
        }
        return kv;
    }
}
