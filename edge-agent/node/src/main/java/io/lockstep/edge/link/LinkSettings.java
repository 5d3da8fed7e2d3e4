package io.lockstep.edge.link;

import java.util.Optional;

/** How to reach C2 and how patient to be with it. */
public record LinkSettings(
        String host,
        int port,
        Optional<TlsFiles> tls,
        long heartbeatMillis,
        long handshakeTimeoutMillis,
        long backoffInitialMillis,
        long backoffMaxMillis) {

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
    }
}
