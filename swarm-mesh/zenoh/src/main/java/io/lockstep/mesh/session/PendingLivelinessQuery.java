package io.lockstep.mesh.session;

import io.lockstep.mesh.api.Sample;
import io.lockstep.mesh.api.SampleKind;
import io.lockstep.mesh.keyexpr.KeyExpr;
import io.lockstep.mesh.transport.PeerTransport;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/** A liveliness get in flight: tokens answering our INTEREST, until every peer sent D_FINAL or the timeout. */
final class PendingLivelinessQuery {
    private final KeyExpr key;
    private final Consumer<Sample> onToken;
    private final Runnable onDone;
    private final Set<PeerTransport> waiting = new HashSet<>();
    private final Set<String> seen = new HashSet<>();
    private boolean done;

    PendingLivelinessQuery(KeyExpr key, Consumer<Sample> onToken, Runnable onDone) {
        this.key = key;
        this.onToken = onToken;
        this.onDone = onDone;
    }

    synchronized void expect(PeerTransport transport) {
        waiting.add(transport);
    }

    synchronized void token(KeyExpr token) {
        token(token, null);
    }

    /** A token alive here ({@code peerIdentity} null) or at a peer, reported once per declaring identity. */
    synchronized void token(KeyExpr token, String peerIdentity) {
        if (done || !token.intersects(key) || !seen.add(token + "\n" + (peerIdentity == null ? "" : peerIdentity))) {
            return;
        }
        try {
            onToken.accept(new Sample(token.toString(), SampleKind.PUT, null, null, null, null, peerIdentity));
        } catch (RuntimeException ignored) {
            // user callback failures never reach the session threads
        }
    }

    synchronized void finalFrom(PeerTransport transport) {
        waiting.remove(transport);
        if (waiting.isEmpty()) {
            finish();
        }
    }

    synchronized boolean finish() {
        if (done) {
            return false;
        }
        done = true;
        try {
            onDone.run();
        } catch (RuntimeException ignored) {
            // see above
        }
        return true;
    }
}
