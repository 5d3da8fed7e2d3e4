package io.lockstep.mesh.session;

import io.lockstep.mesh.api.Sample;
import io.lockstep.mesh.api.SampleKind;
import io.lockstep.mesh.keyexpr.KeyExpr;
import io.lockstep.mesh.message.network.Declaration;
import io.lockstep.mesh.message.network.Declare;
import io.lockstep.mesh.message.network.Interest;
import io.lockstep.mesh.transport.CongestionControl;
import io.lockstep.mesh.transport.PeerTransport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Liveliness: our tokens, the tokens peers declared, liveliness subscribers and liveliness gets. A token a peer
 * declared (and its disappearance) is reported with that peer's certified identity ({@link Sample#peerIdentity()},
 * null over plain TCP and for our own tokens), so an application can refuse a token a peer declares for someone
 * else.
 *
 * <p>A peer's token is alive while at least one of our transports to that peer holds it: when a peer opens a new
 * session before we have finished closing its old one (a reconnection racing the old session's close), both
 * transports briefly hold its tokens, and the old one's closing must not withdraw them. So tokens are counted per
 * (key, certified identity) over all transports, as Zenoh's routing tables count a token's holders; subscribers see
 * a PUT when the count leaves 0 and a DELETE when it returns to 0, in the order the counts changed.
 */
final class LivelinessEngine {
    private final SessionCore core;
    private final TokenHolders holders = new TokenHolders(this::peerTokenChanged);
    /** Each liveliness subscriber's first change of the peers' tokens (those before are in its history). */
    private final Map<Long, Long> subscribedAt = new ConcurrentHashMap<>();
    private final Map<Long, PendingLivelinessQuery> pendingGets = new ConcurrentHashMap<>();
    /** Our INTEREST ids; 0 is reserved for the implicit interest of a new peer session. */
    private final AtomicLong interestIds = new AtomicLong(1);

    LivelinessEngine(SessionCore core) {
        this.core = core;
    }

    long declareToken(KeyExpr key) {
        long id = core.nextEntityId();
        core.local().tokens.put(id, new LocalEntities.Token(id, key));
        core.broadcast(Declare.of(new Declaration.Token(id, KeyResolver.wire(key))));
        notifySubscribers(key, SampleKind.PUT, null);
        return id;
    }

    void undeclareToken(long id) {
        LocalEntities.Token t = core.local().tokens.remove(id);
        if (t != null && !core.isClosed()) {
            core.broadcast(Declare.of(new Declaration.UndeclareToken(id, null)));
            notifySubscribers(t.key(), SampleKind.DELETE, null);
        }
    }

    /** Watches tokens on {@code key}; with {@code history} the tokens alive now are reported first. */
    long declareSubscriber(KeyExpr key, boolean history, Consumer<Sample> callback) {
        long id = core.nextEntityId();
        LocalEntities.Subscriber s = new LocalEntities.Subscriber(id, key, callback);
        Set<KeyExpr> ours = new HashSet<>();
        if (history) {
            for (LocalEntities.Token t : core.local().tokens.values()) {
                if (key.intersects(t.key()) && ours.add(t.key())) {
                    Delivery.deliver(s, new Sample(t.key().toString(), SampleKind.PUT, null, null, null, null, null));
                }
            }
        }
        // Peers' tokens: registered and given its history in one step with their changes (see TokenHolders).
        holders.subscribe(id, firstChange -> {
            subscribedAt.put(id, firstChange);
            core.local().livelinessSubscribers.put(id, s);
        }, token -> history && key.intersects(token) && !ours.contains(token));
        for (PeerTransport t : core.remotes().keySet()) {
            if (core.alwaysRoute(t)) {
                t.send(interest(key, history), true, CongestionControl.BLOCK);
            }
        }
        return id;
    }

    void undeclareSubscriber(long id) {
        core.local().livelinessSubscribers.remove(id);
        subscribedAt.remove(id);
    }

    /** Routers only forward tokens someone showed interest in: re-announce our subscribers to a new router. */
    void transportOpened(PeerTransport t) {
        if (core.alwaysRoute(t)) {
            for (LocalEntities.Subscriber s : core.local().livelinessSubscribers.values()) {
                t.send(interest(s.key(), true), true, CongestionControl.BLOCK);
            }
        }
    }

    private Interest interest(KeyExpr key, boolean current) {
        return new Interest(interestIds.getAndIncrement(),
                current ? Interest.MODE_CURRENT_FUTURE : Interest.MODE_FUTURE, Interest.TOKENS, KeyResolver.wire(key),
                null, null, null);
    }

    /** Reports the tokens on {@code key} alive here and at our peers, asking routers with an INTEREST. */
    void get(KeyExpr key, long timeoutMillis, Consumer<Sample> onToken, Runnable onDone) {
        long id = interestIds.getAndIncrement();
        PendingLivelinessQuery pending = new PendingLivelinessQuery(key, onToken, () -> {
            pendingGets.remove(id);
            onDone.run();
        });
        // Peers push every token to each other (zenoh-pico ignores INTEREST on unicast), so what peers declared is
        // already known here; only routers are asked.
        List<PeerTransport> targets = new ArrayList<>();
        core.remotes().forEach((t, r) -> {
            if (core.alwaysRoute(t)) {
                targets.add(t);
            }
        });
        targets.forEach(pending::expect);
        pendingGets.put(id, pending);
        core.local().tokens.values().forEach(t -> pending.token(t.key()));
        core.remotes().forEach((t, r) -> {
            if (!core.alwaysRoute(t)) {
                r.tokens.values().forEach(k -> pending.token(k, t.peerIdentity()));
            }
        });
        Interest interest = new Interest(id, Interest.MODE_CURRENT, Interest.TOKENS, KeyResolver.wire(key), null, null, null);
        for (PeerTransport t : targets) {
            if (!t.send(interest, true, CongestionControl.BLOCK)) {
                pending.finalFrom(t);
            }
        }
        if (targets.isEmpty()) {
            pending.finish();
        } else {
            core.timer().schedule(pending::finish, timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** D_TOKEN from a peer: an answer to one of our gets, or a token to record and announce. */
    void onToken(PeerTransport t, RemoteState remote, Long interestId, Declaration.Token tok) {
        KeyExpr key = KeyResolver.key(remote, tok.key());
        PendingLivelinessQuery pending = interestId == null ? null : pendingGets.get(interestId);
        if (pending != null) {
            pending.token(key, t.peerIdentity());
            return;
        }
        if (!core.declarationCap().admits(t, remote, remote.tokens, tok.id())) {
            return;
        }
        holders.declared(t, remote, tok.id(), key, () -> core.remotes().get(t) == remote);
    }

    void onUndeclareToken(PeerTransport t, RemoteState remote, Declaration.UndeclareToken u) {
        holders.undeclared(t, remote, u.id());
    }

    /** D_FINAL answering one of our interests. */
    void onFinal(PeerTransport t, long interestId) {
        PendingLivelinessQuery pending = pendingGets.get(interestId);
        if (pending != null) {
            pending.finalFrom(t);
        }
    }

    /** The peer's session ended: its tokens disappear, and it no longer owes answers. */
    void transportClosed(PeerTransport t, RemoteState remote) {
        if (remote != null) {
            holders.transportClosed(t, remote);
        }
        pendingGets.values().forEach(q -> q.finalFrom(t));
    }

    /** A change of the peers' tokens: to the subscribers registered by then, or a subscriber's history to it alone. */
    private void peerTokenChanged(KeyExpr token, SampleKind kind, String peerIdentity, long seq, Long onlyFor) {
        Sample sample = new Sample(token.toString(), kind, null, null, null, null, peerIdentity);
        for (Map.Entry<Long, LocalEntities.Subscriber> e : core.local().livelinessSubscribers.entrySet()) {
            LocalEntities.Subscriber s = e.getValue();
            boolean addressed = onlyFor != null ? onlyFor.equals(e.getKey())
                    : subscribedAt.getOrDefault(e.getKey(), Long.MAX_VALUE) <= seq;
            if (addressed && s.key().intersects(token)) {
                Delivery.deliver(s, sample);
            }
        }
    }

    /** A change of this session's own tokens: to every subscriber. */
    private void notifySubscribers(KeyExpr token, SampleKind kind, String peerIdentity) {
        Sample sample = new Sample(token.toString(), kind, null, null, null, null, peerIdentity);
        for (LocalEntities.Subscriber s : core.local().livelinessSubscribers.values()) {
            if (s.key().intersects(token)) {
                Delivery.deliver(s, sample);
            }
        }
    }

    /** Peer tokens alive now, counted once per (key, certified identity). */
    int tokensAlive() {
        return holders.size();
    }

    void close() {
        List.copyOf(pendingGets.values()).forEach(PendingLivelinessQuery::finish);
    }
}
