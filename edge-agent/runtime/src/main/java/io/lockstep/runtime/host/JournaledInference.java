package io.lockstep.runtime.host;

import java.util.List;
import java.util.Optional;

/**
 * Serves {@code infer} calls from a journaled tick, in order. A call that does not match the journal (other
 * agent or model, or more calls than journaled) gets {@code EUNAVAILABLE} and is reported as a divergence.
 */
public final class JournaledInference implements InferenceGateway {
    private List<InferenceRecord> records = List.of();
    private int next;
    private String divergence;

    /** Starts a tick with its journaled calls. */
    public void load(List<InferenceRecord> tickRecords) {
        records = tickRecords;
        next = 0;
        divergence = null;
    }

    @Override
    public InferenceRecord infer(int agentIndex, String model, float[] input) {
        int call = next++;
        if (call >= records.size()) {
            noteDivergence("inference call #" + (call + 1) + " (agent index " + agentIndex + ", model " + model
                    + ") was not journaled");
            return new InferenceRecord(agentIndex, model, HostCodes.EUNAVAILABLE, new float[0]);
        }
        InferenceRecord r = records.get(call);
        if (r.agentIndex() != agentIndex || !r.model().equals(model)) {
            noteDivergence("inference call #" + (call + 1) + " journaled agent index " + r.agentIndex() + " model "
                    + r.model() + ", replay made agent index " + agentIndex + " model " + model);
            return new InferenceRecord(agentIndex, model, HostCodes.EUNAVAILABLE, new float[0]);
        }
        return r;
    }

    /** A description of the first mismatch of the current tick, including unused journaled calls. */
    public Optional<String> divergence() {
        if (divergence == null && next < records.size()) {
            return Optional.of("journal has " + records.size() + " inference calls, replay made " + next);
        }
        return Optional.ofNullable(divergence);
    }

    private void noteDivergence(String what) {
        if (divergence == null) {
            divergence = what;
        }
    }
}
