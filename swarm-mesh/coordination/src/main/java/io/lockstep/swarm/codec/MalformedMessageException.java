package io.lockstep.swarm.codec;

/** A peer's message that does not decode: wrong magic or version, truncated, oversized, or not canonical. */
public final class MalformedMessageException extends Exception {

    public MalformedMessageException(String message) {
        // no stack trace: peers can send these at line rate, and the message says what was wrong
        super(message, null, false, false);
    }
}
