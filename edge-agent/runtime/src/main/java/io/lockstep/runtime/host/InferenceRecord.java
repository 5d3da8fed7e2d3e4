package io.lockstep.runtime.host;

/**
 * One {@code infer} call as journaled: the calling agent (run-order index), the model, the result code
 * (output count, or a negative host code) and the quantized outputs.
 */
public record InferenceRecord(int agentIndex, String model, int code, float[] outputs) {
}
