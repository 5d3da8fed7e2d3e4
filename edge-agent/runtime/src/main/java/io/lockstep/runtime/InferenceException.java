package io.lockstep.runtime;

/**
 * Thrown by an {@link InferenceService} when a model cannot produce a result. Agents see
 * {@code ENOTFOUND} when {@link #modelNotFound()} is set, otherwise {@code EUNAVAILABLE}.
 */
public class InferenceException extends Exception {
    private final boolean modelNotFound;

    public InferenceException(String message) {
        this(message, false, null);
    }

    public InferenceException(String message, Throwable cause) {
        this(message, false, cause);
    }

    public InferenceException(String message, boolean modelNotFound, Throwable cause) {
        super(message, cause);
        this.modelNotFound = modelNotFound;
    }

    /** Whether the service does not know the requested model. */
    public boolean modelNotFound() {
        return modelNotFound;
    }
}
