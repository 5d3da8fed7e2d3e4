package io.lockstep.platform.inference;

/**
 * How the inference service runs models.
 *
 * @param cudaAllowed try the CUDA execution provider (falls back to CPU, with a log line, when unavailable)
 * @param cudaDeviceId the GPU to use when CUDA is allowed
 * @param intraOpThreads threads per model run; 1 keeps runs cheap on small edge CPUs and the reduction order
 *        fixed
 */
public record InferenceSettings(boolean cudaAllowed, int cudaDeviceId, int intraOpThreads) {

    public InferenceSettings {
        if (cudaDeviceId < 0) {
            throw new IllegalArgumentException("cudaDeviceId must be >= 0, got " + cudaDeviceId);
        }
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be >= 1, got " + intraOpThreads);
        }
    }

    /** CPU only, one thread. */
    public static InferenceSettings cpu() {
        return new InferenceSettings(false, 0, 1);
    }

    /** CUDA device 0 when present, else CPU; one CPU thread. */
    public static InferenceSettings cudaIfAvailable() {
        return new InferenceSettings(true, 0, 1);
    }
}
