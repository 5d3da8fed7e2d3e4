package io.lockstep.mesh.codec;

/**
 * Zenoh variable-length unsigned integers (LEB128 limited to 9 bytes: the 9th byte carries 8 full bits so that a
 * whole u64 fits).
 */
public final class ZInt {
    public static final int MAX_LEN = 9;

    private ZInt() {
    }

    /** Number of bytes {@code value} takes on the wire. */
    public static int length(long value) {
        int len = 1;
        long v = value;
        while ((v & ~0x7FL) != 0 && len < MAX_LEN) {
            v >>>= 7;
            len++;
        }
        return len;
    }
}
