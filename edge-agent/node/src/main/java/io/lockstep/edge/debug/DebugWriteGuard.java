package io.lockstep.edge.debug;

import io.lockstep.edge.config.NodeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Gatekeeper of the debug port's write operations: they exist only when
 * {@code lockstep.node.debug.write-enabled=true} and a token is configured, and each request must
 * carry that token in {@value #TOKEN_HEADER}. Anything else is 403.
 */
@ApplicationScoped
public class DebugWriteGuard {

    public static final String TOKEN_HEADER = "X-Lockstep-Debug-Token";

    @Inject
    NodeConfig config;

    public void check(String presentedToken) {
        if (!config.debug().writeEnabled()) {
            throw new ForbiddenException("debug write operations are disabled (lockstep.node.debug.write-enabled)");
        }
        String expected = config.debug().token().orElse("");
        if (expected.isEmpty()) {
            throw new ForbiddenException("debug write operations need lockstep.node.debug.token to be set");
        }
        if (presentedToken == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presentedToken.getBytes(StandardCharsets.UTF_8))) {
            throw new ForbiddenException("missing or wrong " + TOKEN_HEADER);
        }
    }
}
