package io.lockstep.cli.bench.node;

/** jstat printed something that is not the {@code -gc} table this benchmark reads. */
public final class MalformedJstatOutputException extends RuntimeException {
    public MalformedJstatOutputException(String message) {
        super(message);
    }
}
