package io.lockstep.c2.module;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Lower-case hex SHA-256 digests: the identity of every module and model. */
public final class Sha256 {

    private static final Pattern HEX_DIGEST = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {
    }

    public static String of(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }

    /** True for exactly 64 lower-case hex characters. */
    public static boolean isDigest(String value) {
        return value != null && HEX_DIGEST.matcher(value).matches();
    }
}
