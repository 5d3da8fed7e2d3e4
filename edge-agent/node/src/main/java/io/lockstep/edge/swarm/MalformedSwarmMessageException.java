package io.lockstep.edge.swarm;

/** A peer's coverage or digest message that this node cannot use; it is counted and dropped. */
public final class MalformedSwarmMessageException extends Exception {
    public MalformedSwarmMessageException(String message) {
        super(message);
    }
}
