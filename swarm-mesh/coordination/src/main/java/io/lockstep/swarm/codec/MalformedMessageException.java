package io.lockstep.swarm.codec;

/** A peer's message that does not decode: wrong magic or version, truncated, oversized, or not canonical. */
public final class MalformedMessageException extends Exception {

    public MalformedMessageException(String message) {
        super(message);
    }
}
