package io.lockstep.mesh.session;

import io.lockstep.mesh.keyexpr.KeyExpr;
import io.lockstep.mesh.message.network.WireExpr;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What one peer declared to us: its key-expression ids, subscribers, queryables and liveliness tokens. */
final class RemoteState {
    /** Bound on each table so a hostile peer cannot grow our memory without limit. */
    static final int MAX_ENTRIES = 100_000;

    final Map<Integer, String> keyExprs = new ConcurrentHashMap<>();
    final Map<Long, KeyExpr> subscribers = new ConcurrentHashMap<>();
    final Map<Long, KeyExpr> queryables = new ConcurrentHashMap<>();
    final Map<Long, KeyExpr> tokens = new ConcurrentHashMap<>();
    /** Wire expressions already resolved and canonicalised; cleared whenever a key-expression id changes. */
    final Map<WireExpr, KeyExpr> resolved = new ConcurrentHashMap<>();

    boolean hasSubscriberFor(KeyExpr key) {
        return subscribers.values().stream().anyMatch(k -> k.intersects(key));
    }

    boolean hasQueryableFor(KeyExpr key) {
        return queryables.values().stream().anyMatch(k -> k.intersects(key));
    }

    static void checkRoom(Map<?, ?> table) {
        if (table.size() >= MAX_ENTRIES) {
            throw new io.lockstep.mesh.codec.MalformedMessageException("peer exceeded " + MAX_ENTRIES + " declarations");
        }
    }
}
