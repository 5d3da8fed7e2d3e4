package io.lockstep.c2.link;

import io.grpc.Attributes;
import io.grpc.ServerTransportFilter;
import io.quarkus.arc.Unremovable;
import io.quarkus.grpc.api.ServerBuilderCustomizer;
import io.quarkus.grpc.runtime.config.GrpcServerConfiguration;
import io.vertx.grpc.VertxServerBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Logs every link connection refused during its TLS handshake (no client certificate, one not signed by the
 * fleet CA, an expired one, a plaintext client on a TLS port). The handshake fails inside grpc-netty before
 * any stream, interceptor or Quarkus hook sees the connection; the one hook that does see it is the
 * transport filter: a transport that terminates without ever having become ready never completed its
 * handshake. grpc-netty gives the filter no address for such a transport, so the line carries the count
 * instead; the node's own log names the TLS alert.
 */
@ApplicationScoped
@Unremovable
public class RefusedHandshakeLog implements ServerBuilderCustomizer<VertxServerBuilder> {

    private static final Logger LOG = Logger.getLogger(RefusedHandshakeLog.class);

    private final AtomicLong refused = new AtomicLong();

    @Override
    public void customize(GrpcServerConfiguration config, VertxServerBuilder builder) {
        boolean tls = !config.plainText();
        builder.nettyBuilder().addTransportFilter(new ServerTransportFilter() {
            @Override
            public void transportTerminated(Attributes attributes) {
                // attributes are null when transportReady never ran: the handshake did not complete.
                if (tls && attributes == null) {
                    long total = refused.incrementAndGet();
                    LOG.warnf("Link connection refused during the TLS handshake: the peer offered no client"
                            + " certificate, one the fleet CA did not sign or that expired, or spoke plaintext"
                            + " (%d refused since start)", total);
                }
            }
        });
    }

    /** Connections refused during their TLS handshake since C2 started. */
    public long refused() {
        return refused.get();
    }
}
