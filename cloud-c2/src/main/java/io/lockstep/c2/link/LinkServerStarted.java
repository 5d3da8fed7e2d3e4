package io.lockstep.c2.link;

import io.quarkus.grpc.runtime.GrpcServerRecorder;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Stops C2's start when its link server did not start. Quarkus logs "Unable to start the gRPC server" (the port is
 * taken, the address cannot be bound) and goes on without it: a C2 that answers its REST API and dashboard while no
 * node can reach it. The gRPC server is started before the startup event, so by then it is listening or it failed.
 */
@ApplicationScoped
public class LinkServerStarted {

    void check(@Observes StartupEvent started) {
        Config config = ConfigProvider.getConfig();
        boolean separate = config.getOptionalValue("quarkus.grpc.server.use-separate-server", Boolean.class)
                .orElse(true);
        String portKey = LaunchMode.current() == LaunchMode.TEST ? "quarkus.grpc.server.test-port"
                : "quarkus.grpc.server.port";
        String where = config.getOptionalValue("quarkus.grpc.server.host", String.class).orElse("0.0.0.0") + ":"
                + config.getOptionalValue(portKey, String.class).orElse("9000");
        requireStarted(separate, GrpcServerRecorder.getVerticleCount(), where);
    }

    /**
     * @param separate  whether the link has its own server (C2's setting; otherwise it shares the HTTP server, which
     *                  fails the start by itself)
     * @param listening how many gRPC server instances Quarkus started
     * @throws IllegalStateException naming the address when the separate server did not start
     */
    static void requireStarted(boolean separate, int listening, String where) {
        if (separate && listening == 0) {
            throw new IllegalStateException("the link server (gRPC, for edge nodes) did not start on " + where
                    + ": see the error logged above (is another process listening on that port? set"
                    + " quarkus.grpc.server.port)");
        }
    }
}
