package io.lockstep.runtime.engine;

import io.lockstep.runtime.TickResult;
import io.lockstep.runtime.host.InferenceRecord;
import java.util.List;

/**
 * Everything a tick (or init, tick 0) produced: the public result, per-agent digests, the inference calls
 * made and the raw fingerprint.
 */
public record TickOutcome(TickResult result, List<AgentDigest> digests, List<InferenceRecord> inference,
                          byte[] fingerprint, long outputsDigest) {
}
