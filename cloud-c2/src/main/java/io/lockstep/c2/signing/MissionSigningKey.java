package io.lockstep.c2.signing;

import io.lockstep.c2.config.C2Config;
import io.lockstep.proto.signing.MissionSigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.jboss.logging.Logger;

/**
 * C2's Ed25519 mission signing key: read from {@code lockstep.c2.signing.key-file}, or from
 * {@code <data-dir>/signing/mission-signing-key.pem}, which is generated (owner-only) on first start.
 */
@ApplicationScoped
public class MissionSigningKey {

    private static final Logger LOG = Logger.getLogger(MissionSigningKey.class);

    private final KeyPair pair;
    private final String keyId;

    public MissionSigningKey(C2Config config) {
        Path file = config.signing().keyFile().orElse(config.files().resolve("signing/mission-signing-key.pem"));
        this.pair = config.signing().keyFile().isPresent() ? read(file) : readOrGenerate(file);
        this.keyId = MissionSigningKeys.keyId(pair.getPublic());
        LOG.infof("mission signing key %s (%s); nodes pin its public key: GET /api/v1/signing-key", keyId, file);
    }

    public KeyPair pair() {
        return pair;
    }

    public String keyId() {
        return keyId;
    }

    public String publicPem() {
        return MissionSigningKeys.publicPem(pair.getPublic());
    }

    private static KeyPair read(Path file) {
        try {
            return MissionSigningKeys.parseKeyPair(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mission signing key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("mission signing key " + file + ": " + e.getMessage(), e);
        }
    }

    private static synchronized KeyPair readOrGenerate(Path file) {
        if (Files.exists(file)) {
            return read(file);
        }
        KeyPair pair = MissionSigningKeys.generate();
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // non-POSIX file system: the directory's permissions protect the key
            }
            Files.writeString(tmp, MissionSigningKeys.keyPairPem(pair), StandardCharsets.US_ASCII,
                    StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the mission signing key " + file, e);
        }
        LOG.infof("generated a new mission signing key in %s", file);
        return pair;
    }
}
