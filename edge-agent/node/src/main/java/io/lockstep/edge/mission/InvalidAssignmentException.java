package io.lockstep.edge.mission;

/** An assignment this node cannot run as sent; it is rejected with this message. */
public final class InvalidAssignmentException extends RuntimeException {

    public InvalidAssignmentException(String message) {
        super(message);
    }

    public InvalidAssignmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
