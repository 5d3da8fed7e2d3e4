package io.lockstep.platform.model;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A tiny builder for one protobuf message on top of {@link CodedOutputStream}: fields are written in the
 * order they are added; nested messages are encoded first and embedded as length-delimited bytes.
 */
final class ProtoMessage {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(buffer);

    ProtoMessage int64(int field, long value) {
        return write(() -> out.writeInt64(field, value));
    }

    ProtoMessage int32(int field, int value) {
        return write(() -> out.writeInt32(field, value));
    }

    ProtoMessage string(int field, String value) {
        return write(() -> out.writeString(field, value));
    }

    ProtoMessage bytes(int field, byte[] value) {
        return write(() -> out.writeByteArray(field, value));
    }

    ProtoMessage message(int field, ProtoMessage value) {
        return bytes(field, value.toByteArray());
    }

    byte[] toByteArray() {
        write(out::flush);
        return buffer.toByteArray();
    }

    private ProtoMessage write(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            // Writing to a ByteArrayOutputStream does not fail; this only satisfies the checked signature.
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
