package io.lockstep.runtime.journal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Big-endian encoder for record payloads. */
final class PayloadWriter {
    private final ByteArrayOutputStream bytes;
    private final DataOutputStream out;

    PayloadWriter() {
        this(256);
    }

    /** @param expectedSize initial capacity; large records (snapshots) avoid repeated growth */
    PayloadWriter(int expectedSize) {
        bytes = new ByteArrayOutputStream(expectedSize);
        out = new DataOutputStream(bytes);
    }

    PayloadWriter u8(int v) {
        return run(() -> out.writeByte(v));
    }

    PayloadWriter i32(int v) {
        return run(() -> out.writeInt(v));
    }

    PayloadWriter i64(long v) {
        return run(() -> out.writeLong(v));
    }

    PayloadWriter f64(double v) {
        return run(() -> out.writeLong(Double.doubleToRawLongBits(v)));
    }

    PayloadWriter bytes(byte[] b) {
        return run(() -> {
            out.writeInt(b.length);
            out.write(b);
        });
    }

    PayloadWriter raw(byte[] b, int from, int len) {
        return run(() -> out.write(b, from, len));
    }

    PayloadWriter string(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private PayloadWriter run(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
