package io.lockstep.runtime.journal;

import io.lockstep.runtime.JournalException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Bounds-checked decoder for record payloads; any inconsistency is a {@link JournalException}. */
final class PayloadReader {
    private final ByteBuffer buf;
    private final String what;

    PayloadReader(byte[] payload, String what) {
        this.buf = ByteBuffer.wrap(payload);
        this.what = what;
    }

    int u8() {
        return get(() -> buf.get() & 0xFF);
    }

    int i32() {
        return get(buf::getInt);
    }

    long i64() {
        return get(buf::getLong);
    }

    double f64() {
        return Double.longBitsToDouble(i64());
    }

    /**
     * A count that must be non-negative, at most {@code max}, and at most the bytes left (every counted item
     * takes at least one byte), so a corrupt count never allocates more than the payload's size.
     */
    int count(int max) {
        int n = i32();
        if (n < 0 || n > max || n > buf.remaining()) {
            throw new JournalException(what + ": count " + n + " out of range");
        }
        return n;
    }

    byte[] bytes() {
        int n = count(buf.remaining());
        byte[] b = new byte[n];
        buf.get(b);
        return b;
    }

    byte[] raw(int n) {
        if (n < 0 || n > buf.remaining()) {
            throw new JournalException(what + ": truncated payload");
        }
        byte[] b = new byte[n];
        buf.get(b);
        return b;
    }

    String string() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** Whether bytes are left (for fields appended to a record after older writers existed). */
    boolean hasMore() {
        return buf.hasRemaining();
    }

    void end() {
        if (buf.hasRemaining()) {
            throw new JournalException(what + ": " + buf.remaining() + " unexpected trailing bytes");
        }
    }

    private interface Getter<T> {
        T get();
    }

    private <T> T get(Getter<T> getter) {
        try {
            return getter.get();
        } catch (BufferUnderflowException e) {
            throw new JournalException(what + ": truncated payload");
        }
    }
}
