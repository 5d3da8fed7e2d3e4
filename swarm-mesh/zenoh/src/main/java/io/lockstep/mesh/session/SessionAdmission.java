package io.lockstep.mesh.session;

import io.lockstep.mesh.message.WhatAmI;
import io.lockstep.mesh.message.ZenohId;
import io.lockstep.mesh.message.transport.Close;
import io.lockstep.mesh.transport.PeerAdmission;
import io.lockstep.mesh.transport.TcpLink;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The session's rules for admitting a peer, applied when the peer's INIT arrives (nothing of the session is given
 * away before) and once more when the transport is added (two handshakes with one peer can race): with TLS
 * configured, only a peer that authenticated with a certificate from the trusted CA; never ourselves; one session
 * per peer ZID.
 */
final class SessionAdmission implements PeerAdmission {
    private static final System.Logger LOG = System.getLogger(SessionAdmission.class.getName());
    private final SessionConfig config;
    private final Predicate<ZenohId> hasOpenSession;
    private final AtomicLong unauthenticatedRefused = new AtomicLong();

    SessionAdmission(SessionConfig config, Predicate<ZenohId> hasOpenSession) {
        this.config = config;
        this.hasOpenSession = hasOpenSession;
    }

    @Override
    public Refusal refusal(TcpLink link, ZenohId peerZid, WhatAmI peerWhatAmI) {
        if (config.tls() != null && link.peerIdentity() == null) {
            long n = unauthenticatedRefused.incrementAndGet();
            LOG.log(n <= 10 || n % 100 == 0 ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
                    "refused {0} at {1}: no certificate from the trusted CA (this session requires TLS)", peerZid,
                    link.remote());
            return new Refusal(Close.INVALID,
                    "peer " + peerZid + " did not authenticate with a certificate from the trusted CA");
        }
        if (peerZid.equals(config.zid())) {
            return new Refusal(Close.INVALID, "connected to ourselves");
        }
        if (hasOpenSession.test(peerZid)) {
            return new Refusal(Close.MAX_LINKS, "a session with " + peerZid + " is already open");
        }
        return null;
    }

    long unauthenticatedRefused() {
        return unauthenticatedRefused.get();
    }
}
