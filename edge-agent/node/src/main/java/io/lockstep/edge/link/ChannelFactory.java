package io.lockstep.edge.link;

import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContext;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/** Builds the gRPC channel to C2: plaintext, or mutual TLS when {@link TlsFiles} are configured. */
public final class ChannelFactory {

    /**
     * Largest message accepted from C2. Blobs carry whole modules (up to 16 MiB) and ONNX models (up to
     * 64 MiB) in one message; gRPC's 4 MiB default would reset the stream on the first big model.
     */
    public static final int MAX_INBOUND_MESSAGE_BYTES = 80 * 1024 * 1024;

    /**
     * How often the node pings an otherwise silent link, and how long it waits for the answer. C2 tolerates
     * pings every 10 s (lockstep.c2.link.permit-keepalive-time) and answers faster ones with GOAWAY
     * too_many_pings, so this stays well above that; C2 pings the node itself to find dead links on its side.
     */
    static final long KEEPALIVE_MILLIS = 30_000;
    static final long KEEPALIVE_TIMEOUT_MILLIS = 10_000;

    private final LinkSettings settings;
    private final SslContext sslContext;

    public ChannelFactory(LinkSettings settings) {
        this.settings = settings;
        this.sslContext = settings.tls().map(ChannelFactory::sslContext).orElse(null);
    }

    private static SslContext sslContext(TlsFiles tls) {
        try {
            return GrpcSslContexts.forClient()
                    .keyManager(tls.certChain().toFile(), tls.privateKey().toFile())
                    .trustManager(tls.trust().toFile())
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot load the C2 link TLS files: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof java.io.IOException io) {
                throw new UncheckedIOException(io);
            }
            throw e;
        }
    }

    public boolean tlsEnabled() {
        return sslContext != null;
    }

    /** A channel to the first C2 target. */
    public ManagedChannel open() {
        return open(settings.targets().get(0));
    }

    /** A channel to one C2 replica. */
    public ManagedChannel open(C2Address target) {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(target.host(), target.port())
                .keepAliveTime(KEEPALIVE_MILLIS, TimeUnit.MILLISECONDS)
                .keepAliveTimeout(KEEPALIVE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .keepAliveWithoutCalls(false)
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                // Reconnection is the link's job (with its own backoff), not the channel's.
                .disableRetry();
        if (sslContext == null) {
            builder.usePlaintext();
        } else {
            builder.sslContext(sslContext);
            settings.tls().flatMap(TlsFiles::authorityOverride).ifPresent(builder::overrideAuthority);
        }
        return builder.build();
    }
}
