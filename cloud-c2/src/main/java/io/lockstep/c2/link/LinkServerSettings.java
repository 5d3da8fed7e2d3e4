package io.lockstep.c2.link;

import io.grpc.netty.NettyServerBuilder;
import io.lockstep.c2.config.C2Config;
import io.quarkus.arc.Unremovable;
import io.quarkus.grpc.api.ServerBuilderCustomizer;
import io.quarkus.grpc.runtime.config.GrpcServerConfiguration;
import io.quarkus.runtime.Startup;
import io.vertx.grpc.VertxServerBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keepalive and flow control on the link server, from {@code lockstep.c2.link.*}: C2 tolerates the node's
 * keepalive pings (without this, grpc-java's 5-minute default answers a node pinging every 10-30 s with GOAWAY
 * too_many_pings and the link drops every few pings), and pings nodes itself so a frozen node or a
 * half-open TCP connection is closed within keepalive-time + keepalive-timeout. Each stream's flow-control
 * window is small and fixed ({@code flow-control-window-bytes}), so that a node whose live telemetry outruns
 * C2 meets flow control after a few samples and keeps only its newest, instead of thousands waiting in flight.
 */
@Startup
@ApplicationScoped
@Unremovable
public class LinkServerSettings implements ServerBuilderCustomizer<VertxServerBuilder> {

    private static final Logger LOG = Logger.getLogger(LinkServerSettings.class);

    private final C2Config.Link link;
    private final int window;

    /**
     * Checks the settings when C2 starts ({@code @Startup}): Quarkus logs an exception thrown while it builds the
     * gRPC server and goes on without a link server, so a bad window must fail here, where it stops the start.
     */
    public LinkServerSettings(C2Config config) {
        this.link = config.link();
        this.window = checkedWindow(link.flowControlWindowBytes());
    }

    @Override
    public void customize(GrpcServerConfiguration config, VertxServerBuilder builder) {
        // The link runs on its own (separate) gRPC server, which Quarkus builds on grpc-java's Netty server.
        NettyServerBuilder netty = builder.nettyBuilder();
        netty.keepAliveTime(link.keepaliveTime().toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(link.keepaliveTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .permitKeepAliveTime(link.permitKeepaliveTime().toMillis(), TimeUnit.MILLISECONDS)
                .permitKeepAliveWithoutCalls(true)
                .maxConnectionIdle(link.maxConnectionIdle().toMillis(), TimeUnit.MILLISECONDS)
                // A fixed window: this also turns off grpc-java's automatic (BDP) window tuning.
                .flowControlWindow(window);
        LOG.infof("Link keepalive: C2 pings after %s of silence, closes after %s more without an answer;"
                + " client pings allowed every %s; connections without a stream closed after %s",
                link.keepaliveTime(), link.keepaliveTimeout(), link.permitKeepaliveTime(), link.maxConnectionIdle());
        LOG.infof("Link flow control: a fixed window of %d bytes per stream", window);
    }

    /** The window, or a startup error that names the setting (grpc-java's says only "must be positive"). */
    static int checkedWindow(int bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("lockstep.c2.link.flow-control-window-bytes must be a positive number"
                    + " of bytes, was " + bytes + " (default 16384)");
        }
        return bytes;
    }
}
