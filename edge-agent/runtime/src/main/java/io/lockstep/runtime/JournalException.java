package io.lockstep.runtime;

/** A journal cannot be written, or cannot be read because it is corrupt beyond a torn last record. */
public class JournalException extends RuntimeException {
    public JournalException(String message) {
        super(message);
    }

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
