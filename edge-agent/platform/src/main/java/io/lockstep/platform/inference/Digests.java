package io.lockstep.platform.inference;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** sha256 helpers: models are identified by the lower-case hex sha256 of their bytes. */
public final class Digests {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private Digests() {
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /** Whether {@code digest} is 64 lower-case hex characters. */
    public static boolean isSha256Hex(String digest) {
        return digest != null && SHA256_HEX.matcher(digest).matches();
    }
}
