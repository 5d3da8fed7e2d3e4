package io.lockstep.edge.app;

import io.lockstep.edge.config.MeshConfig;
import io.lockstep.edge.config.NodeConfig;
import io.lockstep.edge.tracing.NodeTracing;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Starts the {@link EdgeNode} with the application and stops it on shutdown. */
@ApplicationScoped
public class NodeLifecycle {

    private static final Logger LOG = Logger.getLogger(NodeLifecycle.class);

    @Inject
    NodeConfig config;

    @Inject
    MeshConfig meshConfig;

    @Inject
    OpenTelemetry openTelemetry;

    @ConfigProperty(name = "quarkus.http.host")
    String httpHost;

    private volatile EdgeNode node;

    void onStart(@Observes StartupEvent event) {
        checkDebugBinding(httpHost, config.debug().allowRemote());
        node = EdgeNode.start(NodeSettings.from(config, meshConfig), openTelemetry,
                new NodeTracing(openTelemetry.getTracer(EdgeNode.TRACER), config.tracing().tickSampleEvery()),
                MissionSigningKeySetting.check(config));
        LOG.infof("edge node %s started (data dir %s, C2 %s:%d, debug port on %s)", config.id(),
                config.dataDir().toAbsolutePath(), config.c2().host(), config.c2().port(), httpHost);
    }

    void onStop(@Observes ShutdownEvent event) {
        EdgeNode n = node;
        if (n != null) {
            n.close();
        }
    }

    /**
     * The debug port is for an operator at the vehicle: loopback only, unless explicitly allowed,
     * and then with a warning in the log.
     */
    static void checkDebugBinding(String host, boolean allowRemote) {
        boolean loopback;
        try {
            loopback = InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (loopback) {
            return;
        }
        if (!allowRemote) {
            throw new IllegalStateException("the debug port would listen on " + host
                    + "; set lockstep.node.debug.allow-remote=true to allow binding beyond loopback");
        }
        LOG.warnf("the debug port listens on %s, beyond loopback: anyone who can reach it can read this node's state",
                host);
    }

    public EdgeNode node() {
        EdgeNode n = node;
        if (n == null) {
            throw new IllegalStateException("the edge node is not started");
        }
        return n;
    }
}
