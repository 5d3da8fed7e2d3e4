package io.lockstep.runtime.engine;

/**
 * CRC32C of a concatenation from the CRCs of its parts (zlib's {@code crc32_combine} for the Castagnoli
 * polynomial): {@code crc(A || B) = shift(crc(A), |B|) ^ crc(B)}, where shift is a linear map over GF(2)
 * that depends only on {@code |B|}. Here {@code |B|} is always one 64 KiB page, so the map is computed once.
 */
final class Crc32cCombine {
    /** The reflected Castagnoli polynomial, as {@link java.util.zip.CRC32C} uses it. */
    private static final int POLY = 0x82F63B78;
    /** Columns of the map that advances a CRC over 64 KiB of zero bytes. */
    private static final int[] PAGE_SHIFT = shiftOperator(com.dylibso.chicory.runtime.Memory.PAGE_SIZE);

    private Crc32cCombine() {
    }

    /** CRC32C of {@code A || page} from {@code crc(A)} and {@code crc(page)} for one 64 KiB page. */
    static int appendPage(int crcBefore, int pageCrc) {
        return times(PAGE_SHIFT, crcBefore) ^ pageCrc;
    }

    private static int times(int[] matrix, int vector) {
        int sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static int[] square(int[] matrix) {
        int[] out = new int[32];
        for (int i = 0; i < 32; i++) {
            out[i] = times(matrix, matrix[i]);
        }
        return out;
    }

    /** The operator for {@code bytes} zero bytes (a power of two, at least 1). */
    private static int[] shiftOperator(int bytes) {
        if (bytes < 1 || Integer.bitCount(bytes) != 1) {
            throw new IllegalArgumentException("length must be a power of two: " + bytes);
        }
        int[] op = new int[32];
        op[0] = POLY;
        for (int i = 1; i < 32; i++) {
            op[i] = 1 << (i - 1);
        }
        // op advances one bit; squaring doubles the distance: 2^3 squarings give one byte.
        int bits = bytes * 8;
        for (int n = 1; n < bits; n <<= 1) {
            op = square(op);
        }
        return op;
    }
}
