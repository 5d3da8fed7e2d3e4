package io.lockstep.swarm.cells;

/** A mission area the decomposition refuses: too few vertices, too large, or too many cells. */
public final class InvalidAreaException extends IllegalArgumentException {

    public InvalidAreaException(String message) {
        super(message);
    }
}
