package io.lockstep.runtime.journal;

import io.lockstep.runtime.engine.AgentStateData;
import io.lockstep.runtime.engine.EngineSnapshot;
import io.lockstep.runtime.engine.Hashing;
import io.lockstep.runtime.engine.LocalMessage;
import java.util.List;

/**
 * Writes the older {@link RecordType#FULL_SNAPSHOT} layout (whole memories, zero pages as a flag, SHA-256 per
 * memory, the fuel list optional), as runtimes before the run-based snapshots did: tests check that such
 * journals still decode, replay and resume.
 */
public final class FullSnapshotEncoder {
    private static final int PAGE = 65_536;

    private FullSnapshotEncoder() {
    }

    /**
     * @param memories every agent's whole memory at the snapshot, in run order
     * @param withFuel whether to append the reported-fuel list (added to the layout after the first journals)
     */
    public static byte[] encode(EngineSnapshot s, List<byte[]> memories, boolean withFuel) {
        PayloadWriter w = new PayloadWriter();
        w.i64(s.tick()).raw(s.fingerprint(), 0, 32).i32(s.pending().size());
        for (LocalMessage m : s.pending()) {
            w.string(m.sender()).i64(m.seq()).string(m.topic()).bytes(m.data());
        }
        w.i32(s.agents().size());
        for (int i = 0; i < s.agents().size(); i++) {
            AgentStateData a = s.agents().get(i);
            byte[] memory = memories.get(i);
            w.string(a.name()).u8(a.state().ordinal()).string(a.fault()).i32(a.progressPermille())
                    .i64(a.rngState()).i64(a.lastEmitSeq()).i32(memory.length / PAGE)
                    .raw(Hashing.sha256().digest(memory), 0, 32);
            for (int p = 0; p < memory.length / PAGE; p++) {
                boolean zero = java.util.Arrays.mismatch(memory, p * PAGE, (p + 1) * PAGE, new byte[PAGE], 0, PAGE) < 0;
                w.u8(zero ? 0 : 1);
                if (!zero) {
                    w.raw(memory, p * PAGE, PAGE);
                }
            }
            w.i32(a.globals().length);
            for (long g : a.globals()) {
                w.i64(g);
            }
            w.i32(a.kv().size());
            a.kv().forEach((k, v) -> w.string(k).bytes(v));
        }
        if (withFuel) {
            w.i32(s.agents().size());
            for (AgentStateData a : s.agents()) {
                w.i64(a.reportedFuel());
            }
        }
        return w.toByteArray();
    }
}
