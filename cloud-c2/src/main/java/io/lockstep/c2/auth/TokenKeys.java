package io.lockstep.c2.auth;

import io.lockstep.c2.config.C2Config;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * The RSA key pair C2 signs and verifies its own tokens with: the configured PEM private key
 * ({@code lockstep.c2.auth.signing-key}), or one generated on first start into
 * {@code <data-dir>/auth/token-signing-key.pem} (owner-only) and reused after restarts, so tokens survive them.
 */
@ApplicationScoped
public class TokenKeys {
    private static final Logger LOG = Logger.getLogger(TokenKeys.class);
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private final RSAPrivateCrtKey privateKey;
    private final RSAPublicKey publicKey;

    public TokenKeys(C2Config config) {
        Path file = config.auth().signingKey()
                .orElse(config.files().resolve("auth").resolve("token-signing-key.pem"));
        if (!Files.exists(file)) {
            if (config.auth().signingKey().isPresent()) {
                throw new IllegalStateException("lockstep.c2.auth.signing-key names " + file + ", which does not exist");
            }
            generate(file);
        }
        this.privateKey = read(file);
        try {
            this.publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the token verification key", e);
        }
    }

    public RSAPrivateCrtKey privateKey() {
        return privateKey;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    private static void generate(Path file) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            String pem = BEGIN + "\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(pkcs8) + "\n" + END + "\n";
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "signing-key", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the directory's ACL applies
            }
            Files.writeString(temp, pem, StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            LOG.infof("Generated the token signing key %s", file);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the token signing key " + file, e);
        }
    }

    private static RSAPrivateCrtKey read(Path file) {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            int begin = pem.indexOf(BEGIN);
            int end = pem.indexOf(END);
            if (begin < 0 || end < begin) {
                throw new IllegalStateException(file + " is not a PEM PKCS#8 private key (" + BEGIN + ")");
            }
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
            if (KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey key) {
                if (key.getModulus().bitLength() < 2048) {
                    throw new IllegalStateException(file + " holds an RSA key under 2048 bits");
                }
                return key;
            }
            throw new IllegalStateException(file + " is not an RSA private key with CRT parameters");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not a readable RSA private key: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token signing key " + file, e);
        }
    }
}
