package io.lockstep.mesh.session;

import io.lockstep.mesh.message.WhatAmI;
import io.lockstep.mesh.message.transport.Close;
import io.lockstep.mesh.transport.PeerTransport;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most live declarations (subscribers, queryables, liveliness tokens and key-expression ids together) one
 * transport may hold. Zenoh sets no such bound, so without it a peer, even a certified fleet node, could grow our
 * tables ({@link RemoteState}, {@link TokenHolders}) until the JVM runs out of memory. A declaration that would go
 * past it closes the peer's transport (which drops everything it declared), counted and logged; other peers are not
 * affected. Re-declaring an id the peer already holds replaces it and needs no room. A transport to a router, which
 * carries the declarations of every node behind it, has the larger {@link SessionConfig#MAX_DECLARATIONS_PER_ROUTER}.
 */
final class DeclarationCap {
    private static final System.Logger LOG = System.getLogger(DeclarationCap.class.getName());

    private final int max;
    private final AtomicLong transportsClosed = new AtomicLong();

    DeclarationCap(int max) {
        this.max = max;
    }

    /**
     * True if {@code remote}'s {@code table} may take {@code id}; otherwise closes {@code t} (from the peer's reader
     * thread: what the peer sent after it is not handled) and returns false.
     */
    boolean admits(PeerTransport t, RemoteState remote, Map<?, ?> table, Object id) {
        int limit = t.params().peerWhatAmI() == WhatAmI.ROUTER ? Math.max(max, SessionConfig.MAX_DECLARATIONS_PER_ROUTER)
                : max;
        if (table.containsKey(id) || remote.declarations() < limit) {
            return true;
        }
        long total = transportsClosed.incrementAndGet();
        String why = "the peer went past " + limit
                + " live declarations (subscribers, queryables, liveliness tokens, key expressions)";
        if (total <= 10 || total % 100 == 0) {
            LOG.log(System.Logger.Level.WARNING, "closing session with {0} (identity {1}): {2}; "
                    + "{3} session(s) closed for this so far", t.params().peerZid(), t.peerIdentity(), why, total);
        }
        t.close(Close.GENERIC, why);
        return false;
    }

    /** Transports closed because their peer went past the cap. */
    long transportsClosed() {
        return transportsClosed.get();
    }
}
