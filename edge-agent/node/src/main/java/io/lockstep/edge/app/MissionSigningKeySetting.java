package io.lockstep.edge.app;

import io.lockstep.edge.config.NodeConfig;
import io.lockstep.edge.mission.AssignmentSignatureCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Reads the pinned mission signing key from {@code lockstep.node.c2.mission-signing-key(-file)}. */
final class MissionSigningKeySetting {

    private static final Logger LOG = Logger.getLogger(MissionSigningKeySetting.class);

    private MissionSigningKeySetting() {
    }

    static AssignmentSignatureCheck check(NodeConfig config) {
        Optional<String> key = config.c2().missionSigningKey().filter(k -> !k.isBlank());
        if (key.isEmpty() && config.c2().missionSigningKeyFile().isPresent()) {
            try {
                key = Optional.of(Files.readString(config.c2().missionSigningKeyFile().get(), StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read lockstep.node.c2.mission-signing-key-file "
                        + config.c2().missionSigningKeyFile().get(), e);
            }
        }
        AssignmentSignatureCheck check;
        try {
            check = AssignmentSignatureCheck.of(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lockstep.node.c2.mission-signing-key: " + e.getMessage(), e);
        }
        if (check.isPinned()) {
            LOG.infof("mission signing key %s pinned: only assignments C2 signed with it are run", check.pinnedKeyId());
        } else {
            LOG.warn("no mission signing key pinned (lockstep.node.c2.mission-signing-key): this node runs unsigned"
                    + " assignments; pin C2's key (GET /api/v1/signing-key) outside development");
        }
        return check;
    }
}
