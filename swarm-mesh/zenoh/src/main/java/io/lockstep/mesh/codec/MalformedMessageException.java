package io.lockstep.mesh.codec;

/** Raised when bytes on the wire do not form a valid Zenoh message. */
public class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message) {
        super(message);
    }
}
