package io.lockstep.edge.link;

import io.lockstep.proto.link.LatestLiveSample;
import java.util.List;
import java.util.Optional;

/**
 * How to reach C2 and how patient to be with it.
 *
 * @param resendAfterMillis how long an outbox entry may stay unacknowledged on a live link before it
 *     is sent again (C2 may have dropped it without a word; it deduplicates by seq if it had not)
 * @param targets the C2 replicas to try, in order: the node moves to the next one whenever a connection
 *     attempt fails or a live link is lost (wrapping around); {@code host}/{@code port} are the first
 * @param onReadyThresholdBytes bytes queued in the link stream, not yet written to the connection, past which
 *     the stream is not ready and live telemetry waits latest-wins ({@link LatestLiveSample})
 */
public record LinkSettings(
        String host,
        int port,
        Optional<TlsFiles> tls,
        long heartbeatMillis,
        long handshakeTimeoutMillis,
        long backoffInitialMillis,
        long backoffMaxMillis,
        long resendAfterMillis,
        List<C2Address> targets,
        int onReadyThresholdBytes) {

    /** Default of {@code lockstep.node.c2.resend-after-ms}. */
    public static final long DEFAULT_RESEND_AFTER_MILLIS = 5_000;

    public LinkSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("C2 host must be set");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("C2 port must be 1..65535, got " + port);
        }
        if (heartbeatMillis < 1 || handshakeTimeoutMillis < 1) {
            throw new IllegalArgumentException("heartbeat and handshake timeout must be positive");
        }
        if (resendAfterMillis < 1) {
            throw new IllegalArgumentException("resend-after must be positive, got " + resendAfterMillis);
        }
        if (onReadyThresholdBytes < 1) {
            throw new IllegalArgumentException("on-ready threshold must be positive, got " + onReadyThresholdBytes);
        }
        targets = targets == null || targets.isEmpty() ? List.of(new C2Address(host, port)) : List.copyOf(targets);
        if (!targets.get(0).equals(new C2Address(host, port))) {
            throw new IllegalArgumentException("the first C2 target must be host:port " + host + ":" + port);
        }
    }

    /** One C2 address (no replicas to fail over to). */
    public LinkSettings(String host, int port, Optional<TlsFiles> tls, long heartbeatMillis,
            long handshakeTimeoutMillis, long backoffInitialMillis, long backoffMaxMillis, long resendAfterMillis) {
        this(host, port, tls, heartbeatMillis, handshakeTimeoutMillis, backoffInitialMillis, backoffMaxMillis,
                resendAfterMillis, List.of(), LatestLiveSample.DEFAULT_ON_READY_THRESHOLD_BYTES);
    }

    /** Settings with the default re-send timeout. */
    public LinkSettings(String host, int port, Optional<TlsFiles> tls, long heartbeatMillis,
            long handshakeTimeoutMillis, long backoffInitialMillis, long backoffMaxMillis) {
        this(host, port, tls, heartbeatMillis, handshakeTimeoutMillis, backoffInitialMillis, backoffMaxMillis,
                DEFAULT_RESEND_AFTER_MILLIS, List.of(), LatestLiveSample.DEFAULT_ON_READY_THRESHOLD_BYTES);
    }

    public LinkSettings withResendAfterMillis(long millis) {
        return new LinkSettings(host, port, tls, heartbeatMillis, handshakeTimeoutMillis, backoffInitialMillis,
                backoffMaxMillis, millis, targets, onReadyThresholdBytes);
    }

    public LinkSettings withOnReadyThresholdBytes(int bytes) {
        return new LinkSettings(host, port, tls, heartbeatMillis, handshakeTimeoutMillis, backoffInitialMillis,
                backoffMaxMillis, resendAfterMillis, targets, bytes);
    }

    /** The same settings with these C2 replicas to try in order (the first becomes host/port). */
    public LinkSettings withTargets(List<C2Address> replicas) {
        C2Address first = replicas.get(0);
        return new LinkSettings(first.host(), first.port(), tls, heartbeatMillis, handshakeTimeoutMillis,
                backoffInitialMillis, backoffMaxMillis, resendAfterMillis, replicas, onReadyThresholdBytes);
    }
}
