package io.lockstep.runtime;

/**
 * Runs a model for the {@code infer} host function. Called on the ticking thread. Results are quantized
 * and journaled by the runtime, so replay never calls the service.
 */
@FunctionalInterface
public interface InferenceService {

    /** A service that knows no model: every call fails with {@code ENOTFOUND}. */
    InferenceService NONE = (model, input) -> {
        throw new InferenceException("no inference service: model " + model, true, null);
    };

    /**
     * @param model model name as granted in the mission
     * @param input the agent's {@code f32} inputs
     * @return the model's outputs
     * @throws InferenceException when the model is unknown or fails
     */
    float[] infer(String model, float[] input) throws InferenceException;
}
