package io.lockstep.c2.link;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the EdgeLink service: DOWN once C2 has started shutting down and stopped accepting node
 * streams; reports how many nodes are connected. (Quarkus adds its own "gRPC Server" check for the port.)
 */
@Readiness
@ApplicationScoped
public class EdgeLinkHealthCheck implements HealthCheck {

    private final LinkSessions sessions;

    public EdgeLinkHealthCheck(LinkSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("edge-link")
                .status(sessions.accepting())
                .withData("service", "lockstep.v1.EdgeLink")
                .withData("connectedNodes", sessions.connectedNodes().size())
                .build();
    }
}
