package io.lockstep.swarm.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Big-endian writer for the swarm wire formats; see {@link WireReader} for the matching checks. */
public final class WireWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    public WireWriter u8(int value) {
        out.write(value & 0xFF);
        return this;
    }

    public WireWriter u16(int value) {
        out.write((value >>> 8) & 0xFF);
        out.write(value & 0xFF);
        return this;
    }

    public WireWriter i32(int value) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((value >>> shift) & 0xFF);
        }
        return this;
    }

    public WireWriter i64(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift) & 0xFF);
        }
        return this;
    }

    /** Unsigned LEB128, at most 5 bytes for an int. */
    public WireWriter varint(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("varint must not be negative: " + value);
        }
        int v = value;
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
        return this;
    }

    public WireWriter bytes(byte[] value) {
        out.write(value, 0, value.length);
        return this;
    }

    /** UTF-8 text with a u8 length prefix, possibly empty (read by {@link WireReader#optionalText}). */
    public WireWriter optionalText(String value) {
        return text(value);
    }

    /** UTF-8 text with a u8 length prefix (so at most 255 bytes). */
    public WireWriter text(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 255) {
            throw new IllegalArgumentException("text longer than 255 UTF-8 bytes");
        }
        u8(utf8.length);
        return bytes(utf8);
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
