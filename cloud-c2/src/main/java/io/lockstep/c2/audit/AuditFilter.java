package io.lockstep.c2.audit;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Records every mutating REST request under {@code /api/v1} (any method but GET, HEAD and OPTIONS) in the
 * audit trail, whether it succeeded or was refused (401, 403, 4xx) or failed, with the acting user, the
 * method and path template as the action, the path as the target, the status and the trace id. Being one
 * filter, it covers endpoints added later without their knowing. The response waits until the record is
 * stored (on a worker thread, as Redis is called blocking).
 */
public class AuditFilter {
    private static final Logger LOG = Logger.getLogger(AuditFilter.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String API = "/api/v1/";

    private final AuditLog log;
    private final CurrentIdentityAssociation identity;

    public AuditFilter(AuditLog log, CurrentIdentityAssociation identity) {
        this.log = log;
        this.identity = identity;
    }

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        String path = request.getUriInfo().getPath();
        if (READS.contains(request.getMethod()) || !path.startsWith(API)) {
            return Uni.createFrom().voidItem();
        }
        String traceId = AuditLog.currentTraceId();
        int status = response.getStatus();
        String action = AuditContext.action(request).orElse(request.getMethod() + " " + template(resource, path));
        Uni<String> user = AuditContext.user(request).map(name -> Uni.createFrom().item(name))
                .orElseGet(() -> identity.getDeferredIdentity()
                        .map(AuditFilter::nameOf)
                        .onFailure().recoverWithItem("anonymous"));
        return user.emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(name -> log.append(name, action, path, status, traceId))
                .onFailure().invoke(e -> LOG.errorf("Could not record %s %s (%d) in the audit trail: %s",
                        request.getMethod(), path, status, e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private static String nameOf(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    /** The resource's path template, e.g. /api/v1/missions/{id}/dispatch; the path itself when none matched. */
    static String template(ResourceInfo resource, String path) {
        if (resource == null || resource.getResourceClass() == null || resource.getResourceMethod() == null) {
            return path;
        }
        Path classPath = resource.getResourceClass().getAnnotation(Path.class);
        Method method = resource.getResourceMethod();
        Path methodPath = method.getAnnotation(Path.class);
        String joined = (classPath == null ? "" : classPath.value())
                + (methodPath == null ? "" : (methodPath.value().startsWith("/") ? "" : "/") + methodPath.value());
        return joined.isEmpty() ? path : joined;
    }
}
