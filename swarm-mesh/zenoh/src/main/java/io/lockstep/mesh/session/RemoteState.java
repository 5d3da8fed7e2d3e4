package io.lockstep.mesh.session;

import io.lockstep.mesh.keyexpr.KeyExpr;
import io.lockstep.mesh.message.network.WireExpr;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one peer declared to us: its key-expression ids, subscribers, queryables and liveliness tokens. Their total is
 * bounded by {@link DeclarationCap}.
 */
final class RemoteState {
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

    /** Live declarations: what {@link DeclarationCap} bounds. */
    int declarations() {
        return keyExprs.size() + subscribers.size() + queryables.size() + tokens.size();
    }
}
