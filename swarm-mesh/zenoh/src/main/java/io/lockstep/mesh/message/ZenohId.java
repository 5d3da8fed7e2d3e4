package io.lockstep.mesh.message;

import io.lockstep.mesh.codec.MalformedMessageException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/** A Zenoh session identifier: 1 to 16 bytes, little-endian, shown as lowercase hex of the reversed bytes. */
public final class ZenohId {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] bytes;

    public ZenohId(byte[] bytes) {
        if (bytes.length < 1 || bytes.length > 16) {
            throw new MalformedMessageException("a ZenohId has 1 to 16 bytes, got " + bytes.length);
        }
        this.bytes = bytes.clone();
    }

    public static ZenohId random() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        b[15] |= 1; // never a trailing zero: the id keeps its full 16-byte length on the wire
        return new ZenohId(b);
    }

    /** Parses the textual form printed by {@link #toString()}. */
    public static ZenohId parse(String hex) {
        byte[] be = HexFormat.of().parseHex(hex);
        byte[] le = new byte[be.length];
        for (int i = 0; i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return new ZenohId(le);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZenohId z && Arrays.equals(z.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = bytes.length - 1; i >= 0; i--) {
            sb.append(String.format("%02x", bytes[i]));
        }
        return sb.toString();
    }
}
