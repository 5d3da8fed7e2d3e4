package io.lockstep.mesh.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Growable output buffer with the Zenoh primitive encodings. */
public final class ByteWriter {
    private byte[] buffer;
    private int size;

    public ByteWriter() {
        this(64);
    }

    public ByteWriter(int capacity) {
        buffer = new byte[Math.max(16, capacity)];
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }

    public int size() {
        return size;
    }

    public void reset() {
        size = 0;
    }

    public ByteWriter writeU8(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    public ByteWriter writeU16Le(int value) {
        ensure(2);
        buffer[size++] = (byte) value;
        buffer[size++] = (byte) (value >>> 8);
        return this;
    }

    /** Overwrites two bytes already written (used to patch a length prefix). */
    public void setU16Le(int at, int value) {
        buffer[at] = (byte) value;
        buffer[at + 1] = (byte) (value >>> 8);
    }

    public ByteWriter writeBytes(byte[] bytes) {
        return writeBytes(bytes, 0, bytes.length);
    }

    public ByteWriter writeBytes(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
        return this;
    }

    public ByteWriter writeZInt(long value) {
        ensure(ZInt.MAX_LEN);
        long v = value;
        int count = 1;
        while ((v & ~0x7FL) != 0 && count < ZInt.MAX_LEN) {
            buffer[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
            count++;
        }
        buffer[size++] = (byte) v;
        return this;
    }

    public ByteWriter writeSlice(byte[] bytes) {
        writeZInt(bytes.length);
        return writeBytes(bytes);
    }

    public ByteWriter writeString(String value) {
        return writeSlice(value.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    /** Direct access for zero-copy writes to a socket; valid until the next write. */
    public byte[] array() {
        return buffer;
    }
}
