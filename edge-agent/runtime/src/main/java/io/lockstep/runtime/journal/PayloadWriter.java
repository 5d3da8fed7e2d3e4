package io.lockstep.runtime.journal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Big-endian encoder for record payloads (the byte layout of {@link java.io.DataOutputStream}), written
 * straight into a growing array: a tick's result record has a few hundred fields, and a stream per field
 * cost more than the rest of journaling.
 */
final class PayloadWriter {
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
        buf[size] = (byte) (v >>> 24);
        buf[size + 1] = (byte) (v >>> 16);
        buf[size + 2] = (byte) (v >>> 8);
        buf[size + 3] = (byte) v;
        size += 4;
        return this;
    }

    PayloadWriter i64(long v) {
        i32((int) (v >>> 32));
        return i32((int) v);
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

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
