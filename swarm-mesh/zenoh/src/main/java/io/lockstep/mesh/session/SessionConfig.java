package io.lockstep.mesh.session;

import io.lockstep.mesh.message.WhatAmI;
import io.lockstep.mesh.message.ZenohId;
import io.lockstep.mesh.transport.Endpoint;
import io.lockstep.mesh.transport.TlsSettings;
import java.util.List;
import java.util.Objects;

/**
 * Everything a session needs to start.
 *
 * @param reconnectInitialMillis first retry delay of a connect endpoint; doubled after each failure
 * @param reconnectMaxMillis the delay stops growing here
 * @param multicastScouting answer and send SCOUT on {@code scoutingGroup} (host:port) and connect to what is found
 * @param tls certificates for {@code tls/} endpoints, or null; when set, every session must be with a peer that
 *        authenticated with a certificate from the trusted CA (a plain {@code tcp/} peer is refused)
 * @param maxDeclarationsPerPeer most live declarations (subscribers, queryables, liveliness tokens and key-expression
 *        ids together) one transport may hold; a peer that declares more has its transport closed
 *        ({@link DeclarationCap})
 * @param transportThreadStart run first on each transport's reader and writer thread
 *        ({@link io.lockstep.mesh.transport.TransportConfig#threadStart()})
 * @param transportReaderHandled run on each transport's reader thread after every transport message it handled
 *        ({@link io.lockstep.mesh.transport.TransportConfig#readerHandled()})
 */
public record SessionConfig(ZenohId zid, WhatAmI mode, List<Endpoint> listen, List<Endpoint> connect,
        long leaseMillis, int batchSize, int maxMessageSize, int queueCapacity, long reconnectInitialMillis,
        long reconnectMaxMillis, boolean multicastScouting, String scoutingGroup, TlsSettings tls, int maxDeclarationsPerPeer,
        Runnable transportThreadStart, Runnable transportReaderHandled) {
    /**
     * A node declares tens of entities, not thousands (its token, a few subscribers, a few more per mission); the
     * bound only keeps a buggy or hostile peer from growing our memory without limit.
     */
    public static final int DEFAULT_MAX_DECLARATIONS_PER_PEER = 4_096;
    /**
     * A router forwards the declarations of every node behind it, so its transport gets this many (a thousand-node
     * fleet at a few hundred each); it still bounds what a broken router can make us hold.
     */
    public static final int MAX_DECLARATIONS_PER_ROUTER = 1 << 19;

    public SessionConfig {
        listen = List.copyOf(listen);
        Objects.requireNonNull(transportThreadStart, "transportThreadStart");
        Objects.requireNonNull(transportReaderHandled, "transportReaderHandled");
        connect = List.copyOf(connect);
        if (maxDeclarationsPerPeer < 1) {
            throw new IllegalArgumentException("max declarations per peer must be at least 1, got "
                    + maxDeclarationsPerPeer);
        }
        if (mode == WhatAmI.ROUTER) {
            throw new IllegalArgumentException("router mode is not supported: use peer or client");
        }
        if (tls == null && (listen.stream().anyMatch(Endpoint::isTls) || connect.stream().anyMatch(Endpoint::isTls))) {
            throw new IllegalArgumentException("tls/ endpoints need TLS settings (certificate, private key, root CA)");
        }
        if (mode == WhatAmI.CLIENT && connect.isEmpty() && !multicastScouting) {
            throw new IllegalArgumentException("client mode needs a connect endpoint (or scouting) to find a router");
        }
    }
}
