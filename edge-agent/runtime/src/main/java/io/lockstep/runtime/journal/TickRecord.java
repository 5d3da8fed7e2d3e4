package io.lockstep.runtime.journal;

import io.lockstep.runtime.engine.AgentDigest;
import io.lockstep.runtime.host.InferenceRecord;
import java.util.List;

/**
 * The journaled result of a tick (or of init, tick 0): inference calls in call order, the outputs digest,
 * per-agent digests and the fingerprint.
 */
public record TickRecord(long tick, List<InferenceRecord> inference, long outputsDigest, List<AgentDigest> digests,
                         byte[] fingerprint) {
}
