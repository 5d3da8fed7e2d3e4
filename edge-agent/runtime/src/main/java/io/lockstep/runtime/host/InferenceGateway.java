package io.lockstep.runtime.host;

/** Serves {@code infer} calls: live (a model service, results recorded) or from a journal (replay). */
public interface InferenceGateway {

    /** Runs (or looks up) one call. Never throws for a model failure: the record carries the code. */
    InferenceRecord infer(int agentIndex, String model, float[] input);
}
