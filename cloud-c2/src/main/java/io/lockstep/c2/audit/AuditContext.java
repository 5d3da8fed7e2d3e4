package io.lockstep.c2.audit;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Optional;

/**
 * What a resource tells {@link AuditFilter} about its request when the token does not say it: login names
 * the user who tried (there is no token yet) and its action is {@code login}.
 */
public final class AuditContext {
    private static final String USER = "io.lockstep.c2.audit.user";
    private static final String ACTION = "io.lockstep.c2.audit.action";

    private AuditContext() {
    }

    public static void set(ContainerRequestContext request, String user, String action) {
        request.setProperty(USER, user);
        request.setProperty(ACTION, action);
    }

    static Optional<String> user(ContainerRequestContext request) {
        return Optional.ofNullable((String) request.getProperty(USER));
    }

    static Optional<String> action(ContainerRequestContext request) {
        return Optional.ofNullable((String) request.getProperty(ACTION));
    }
}
