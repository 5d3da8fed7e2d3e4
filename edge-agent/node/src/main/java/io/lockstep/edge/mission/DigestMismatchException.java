package io.lockstep.edge.mission;

/** A blob's bytes do not hash to the digest it was named by: the assignment is rejected. */
public final class DigestMismatchException extends RuntimeException {

    public DigestMismatchException(String expected, String actual) {
        super("digest mismatch: expected sha256 " + expected + ", got " + actual);
    }
}
