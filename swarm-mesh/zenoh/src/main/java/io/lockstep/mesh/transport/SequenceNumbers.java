package io.lockstep.mesh.transport;

/** Arithmetic on wrapping frame sequence numbers. */
final class SequenceNumbers {
    private final long modulus;

    SequenceNumbers(long modulus) {
        this.modulus = modulus;
    }

    long next(long sn) {
        return (sn + 1) % modulus;
    }

    /** True if {@code sn} comes before {@code reference} (within half the sequence space): an old or duplicate frame. */
    boolean precedes(long sn, long reference) {
        long distance = Math.floorMod(reference - sn, modulus);
        return distance != 0 && distance < modulus / 2;
    }

    boolean valid(long sn) {
        return sn >= 0 && sn < modulus;
    }
}
