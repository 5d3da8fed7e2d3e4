package io.lockstep.mesh.session;

import io.lockstep.mesh.api.Query;
import io.lockstep.mesh.api.Sample;
import io.lockstep.mesh.keyexpr.KeyExpr;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** What this session declared: subscribers, queryables, liveliness tokens and liveliness subscribers. */
final class LocalEntities {
    record Subscriber(long id, KeyExpr key, Consumer<Sample> callback) {
    }

    record Queryable(long id, KeyExpr key, boolean complete, Consumer<Query> callback) {
    }

    record Token(long id, KeyExpr key) {
    }

    final Map<Long, Subscriber> subscribers = new ConcurrentHashMap<>();
    final Map<Long, Queryable> queryables = new ConcurrentHashMap<>();
    final Map<Long, Token> tokens = new ConcurrentHashMap<>();
    final Map<Long, Subscriber> livelinessSubscribers = new ConcurrentHashMap<>();
}
