package io.lockstep.c2.security.users;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** Salted PBKDF2-HMAC-SHA256 password hashes, from the JDK. */
public final class PasswordHash {
    public static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    /** OWASP's 2023 floor for PBKDF2-HMAC-SHA256 is 600,000; each entry stores its own count. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    /** A fresh entry for this password: random salt, the default iteration count. */
    public static UserEntry create(String name, String role, char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(password, salt, DEFAULT_ITERATIONS);
        Base64.Encoder b64 = Base64.getEncoder();
        return new UserEntry(name, role, ALGORITHM, DEFAULT_ITERATIONS, b64.encodeToString(salt), b64.encodeToString(hash));
    }

    /** True when the password matches the entry (constant-time comparison of the derived hashes). */
    public static boolean matches(UserEntry entry, char[] password) {
        if (!ALGORITHM.equals(entry.algorithm()) || entry.iterations() < 1) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(entry.salt());
        byte[] expected = Base64.getDecoder().decode(entry.hash());
        return MessageDigest.isEqual(expected, derive(password, salt, entry.iterations()));
    }

    static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + ALGORITHM, e);
        } finally {
            spec.clearPassword();
        }
    }
}
