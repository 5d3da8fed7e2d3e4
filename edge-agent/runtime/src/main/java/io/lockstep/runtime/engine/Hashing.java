package io.lockstep.runtime.engine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/** SHA-256 and a cheap 64-bit digest (two CRC32C lanes) used for fingerprints. */
public final class Hashing {
    private Hashing() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /** 64-bit digest of bytes: CRC32C of the bytes and of the bytes behind a salt byte. */
    public static long digest64(byte[] bytes, int from, int to) {
        CRC32C low = new CRC32C();
        low.update(bytes, from, to - from);
        CRC32C high = new CRC32C();
        high.update(0xA5);
        high.update(bytes, from, to - from);
        return (high.getValue() << 32) | low.getValue();
    }

    public static long digest64(byte[] bytes) {
        return digest64(bytes, 0, bytes.length);
    }
}
