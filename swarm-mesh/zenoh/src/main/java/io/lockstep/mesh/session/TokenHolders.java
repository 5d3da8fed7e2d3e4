package io.lockstep.mesh.session;

import io.lockstep.mesh.api.SampleKind;
import io.lockstep.mesh.keyexpr.KeyExpr;
import io.lockstep.mesh.transport.PeerTransport;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * The tokens peers declared, counted per (key, certified identity) over every transport that holds them, so that a
 * token is withdrawn only when the last transport holding it undeclares it or closes. Changes of the alive set
 * (a count leaving or returning to 0) are handed to the listener one at a time and in the order the counts changed,
 * but never under the lock: a PUT from a new transport cannot overtake the DELETE an old one queued before it, and
 * a listener that blocks holds up only later notifications, not the transports.
 */
final class TokenHolders {

    /**
     * Told when a token becomes alive (PUT) or is gone from every transport (DELETE): change number {@code seq}, for
     * every subscriber registered at or before it; or, with {@code onlyFor} set, a token alive when that subscriber
     * was registered (its history), for it alone.
     */
    @FunctionalInterface
    interface Listener {
        void changed(KeyExpr token, SampleKind kind, String peerIdentity, long seq, Long onlyFor);
    }

    private record Holder(KeyExpr key, String peerIdentity) {
    }

    private record Change(KeyExpr key, SampleKind kind, String peerIdentity, long seq, Long onlyFor) {
    }

    private final Listener listener;
    /** Guarded by this. */
    private final Map<Holder, Integer> counts = new HashMap<>();
    /** Guarded by this. */
    private final ArrayDeque<Change> undelivered = new ArrayDeque<>();
    /** Guarded by this: some thread is handing changes to the listener. */
    private boolean delivering;
    /** Guarded by this: the number of the next change. */
    private long nextSeq;

    TokenHolders(Listener listener) {
        this.listener = listener;
    }

    /**
     * D_TOKEN {@code id} on {@code key} from the peer at the end of {@code t}; ignored unless {@code registered}
     * (checked under the lock) says the transport's tokens have not been withdrawn already.
     */
    void declared(PeerTransport t, RemoteState remote, long id, KeyExpr key, BooleanSupplier registered) {
        synchronized (this) {
            if (!registered.getAsBoolean()) {
                return;
            }
            KeyExpr previous = remote.tokens.put(id, key);
            if (key.equals(previous)) {
                return;
            }
            if (previous != null) {
                release(previous, t.peerIdentity());
            }
            Holder h = new Holder(key, t.peerIdentity());
            if (counts.merge(h, 1, Integer::sum) == 1) {
                undelivered.add(new Change(key, SampleKind.PUT, h.peerIdentity(), nextSeq++, null));
            }
        }
        deliver();
    }

    /** U_TOKEN {@code id} from the peer at the end of {@code t}. */
    void undeclared(PeerTransport t, RemoteState remote, long id) {
        synchronized (this) {
            KeyExpr gone = remote.tokens.remove(id);
            if (gone != null) {
                release(gone, t.peerIdentity());
            }
        }
        deliver();
    }

    /**
     * The transport is gone (already unregistered, so {@link #declared} refuses it from now on): each of its tokens
     * is released as if undeclared, in the order of their ids.
     */
    void transportClosed(PeerTransport t, RemoteState remote) {
        List<Long> ids;
        synchronized (this) {
            ids = remote.tokens.keySet().stream().sorted().toList();
        }
        for (long id : ids) {
            undeclared(t, remote, id);
        }
    }

    /**
     * Registers a subscriber: {@code register} is given the number of the first change it is to be told of, and the
     * tokens alive now that {@code wanted} are queued as its history, for it alone, all under the lock that numbers the
     * changes. So a token declared or withdrawn meanwhile is neither missed nor told twice, and the subscriber hears
     * the tokens alive at its registration before any later change. Snapshotting first and registering after would
     * miss a token declared in between, and the node that declared it would never be seen.
     */
    void subscribe(long subscriberId, LongConsumer register, Predicate<KeyExpr> wanted) {
        synchronized (this) {
            register.accept(nextSeq);
            counts.keySet().stream().filter(h -> wanted.test(h.key()))
                    .sorted(Comparator.comparing((Holder h) -> h.key().toString())
                            .thenComparing(h -> h.peerIdentity() == null ? "" : h.peerIdentity()))
                    .forEach(h -> undelivered.add(new Change(h.key(), SampleKind.PUT, h.peerIdentity(), -1,
                            subscriberId)));
        }
        deliver();
    }

    /** Tokens alive now, once per (key, certified identity). */
    synchronized int size() {
        return counts.size();
    }

    private void release(KeyExpr key, String peerIdentity) {
        Holder h = new Holder(key, peerIdentity);
        Integer n = counts.get(h);
        if (n == null) {
            return;
        }
        if (n == 1) {
            counts.remove(h);
            undelivered.add(new Change(key, SampleKind.DELETE, peerIdentity, nextSeq++, null));
        } else {
            counts.put(h, n - 1);
        }
    }

    /** Hands over the queued changes, unless another thread is doing so already (it will hand over ours too). */
    private void deliver() {
        synchronized (this) {
            if (delivering) {
                return;
            }
            delivering = true;
        }
        boolean done = false;
        try {
            while (true) {
                Change c;
                synchronized (this) {
                    c = undelivered.poll();
                    if (c == null) {
                        delivering = false;
                        done = true;
                        return;
                    }
                }
                listener.changed(c.key(), c.kind(), c.peerIdentity(), c.seq(), c.onlyFor());
            }
        } finally {
            if (!done) {
                synchronized (this) {
                    delivering = false;
                }
            }
        }
    }
}
