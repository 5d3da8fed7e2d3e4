package io.lockstep.runtime.journal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Big-endian encoder for record payloads (the byte layout of {@link java.io.DataOutputStream}), written
 * straight into a growing array: a tick's result record has a few hundred fields, and a stream per field
 * cost more than the rest of journaling. The journal writer keeps one and {@link #reset}s it for every
 * tick record, so a tick allocates no payload arrays.
 */
final class PayloadWriter {
    // Whole-word big-endian stores (one instruction each) instead of a shift and store per byte.
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** The largest array {@link #reset} keeps. */
    static final int RETAINED_BYTES = 1 << 20;

    private byte[] buf;
    private int size;

    PayloadWriter() {
        this(256);
    }

    /** @param expectedSize initial capacity; large records (snapshots) avoid repeated growth */
    PayloadWriter(int expectedSize) {
        buf = new byte[Math.max(16, expectedSize)];
    }

    private void ensure(int more) {
        if (buf.length - size < more) {
            long wanted = Math.max((long) buf.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("journal record too large: " + wanted + " bytes");
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }

    PayloadWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    PayloadWriter i32(int v) {
        ensure(4);
        INT.set(buf, size, v);
        size += 4;
        return this;
    }

    PayloadWriter i64(long v) {
        ensure(8);
        LONG.set(buf, size, v);
        size += 8;
        return this;
    }

    PayloadWriter f64(double v) {
        return i64(Double.doubleToRawLongBits(v));
    }

    PayloadWriter bytes(byte[] b) {
        i32(b.length);
        return raw(b, 0, b.length);
    }

    PayloadWriter raw(byte[] b, int from, int len) {
        ensure(len);
        System.arraycopy(b, from, buf, size, len);
        size += len;
        return this;
    }

    PayloadWriter string(String s) {
        if (s.isEmpty()) {
            return i32(0);  // most strings of a result record (the agents' faults) are empty
        }
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Empties the writer for the next payload, keeping its array unless one unusually large record (a tick with
     * big peer messages) grew it past {@link #RETAINED_BYTES}: that memory is not held for the rest of the run.
     */
    PayloadWriter reset() {
        size = 0;
        if (buf.length > RETAINED_BYTES) {
            buf = new byte[RETAINED_BYTES];
        }
        return this;
    }

    /** The array the payload is in, from index 0; valid until the next write or {@link #reset}. */
    byte[] array() {
        return buf;
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
