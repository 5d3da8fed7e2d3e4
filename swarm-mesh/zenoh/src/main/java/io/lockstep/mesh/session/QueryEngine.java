package io.lockstep.mesh.session;

import io.lockstep.mesh.api.ConsolidationMode;
import io.lockstep.mesh.api.Query;
import io.lockstep.mesh.api.Reply;
import io.lockstep.mesh.keyexpr.KeyExpr;
import io.lockstep.mesh.message.ZenohId;
import io.lockstep.mesh.message.network.Request;
import io.lockstep.mesh.message.network.Response;
import io.lockstep.mesh.message.network.ResponseFinal;
import io.lockstep.mesh.message.payload.Encoding;
import io.lockstep.mesh.message.payload.EntityGlobalId;
import io.lockstep.mesh.message.payload.Err;
import io.lockstep.mesh.message.payload.PushBody;
import io.lockstep.mesh.transport.CongestionControl;
import io.lockstep.mesh.transport.PeerTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Queries: gets we send (and their replies), and requests peers send to our queryables. */
final class QueryEngine {
    private static final System.Logger LOG = System.getLogger(QueryEngine.class.getName());
    private final SessionCore core;
    private final Map<Long, PendingQuery> queries = new ConcurrentHashMap<>();
    private final AtomicLong requestIds = new AtomicLong(1);

    QueryEngine(SessionCore core) {
        this.core = core;
    }

    /** Sends a query to local queryables and to peers with a matching queryable. */
    void get(KeyExpr key, String parameters, byte[] payload, Encoding encoding, byte[] attachment,
            ConsolidationMode consolidation, long timeoutMillis, Consumer<Reply> onReply, Runnable onDone) {
        long id = requestIds.getAndIncrement();
        PendingQuery pending = new PendingQuery(consolidation, onReply, () -> {
            queries.remove(id);
            onDone.run();
        });
        List<PeerTransport> targets = new ArrayList<>();
        core.remotes().forEach((t, r) -> {
            if (core.alwaysRoute(t) || r.hasQueryableFor(key)) {
                targets.add(t);
            }
        });
        targets.forEach(pending::expect);
        queries.put(id, pending);
        io.lockstep.mesh.message.payload.Query body = new io.lockstep.mesh.message.payload.Query(
                consolidation == ConsolidationMode.AUTO ? null : consolidation.wire(),
                parameters == null || parameters.isEmpty() ? null : parameters, null,
                payload == null ? null : (encoding == null ? Encoding.DEFAULT : encoding), payload, attachment);
        Request request = new Request(id, KeyResolver.wire(key), null, null, null, null, null, timeoutMillis, body);
        for (PeerTransport t : targets) {
            if (!t.send(request, true, CongestionControl.BLOCK)) {
                pending.finalFrom(t);
            }
        }
        ZenohId self = core.zid();
        for (LocalEntities.Queryable qbl : core.local().queryables.values()) {
            if (qbl.key().intersects(key)) {
                ReplySink sink = new ReplySink() {
                    @Override
                    public void reply(KeyExpr replyKey, PushBody b) {
                        pending.add(Reply.ok(Delivery.sample(replyKey, b), self));
                    }

                    @Override
                    public void error(Err error) {
                        pending.add(Reply.error(error.payload(), error.encoding(), self));
                    }
                };
                invoke(qbl, new Query(key, parameters, payload, encoding, attachment, sink));
            }
        }
        pending.localDone();
        if (!pending.isDone()) {
            core.timer().schedule(pending::finish, timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** A peer's REQUEST: every matching queryable answers, then RESPONSE_FINAL goes back. */
    void onRequest(PeerTransport t, RemoteState remote, Request r) {
        KeyExpr key = KeyResolver.key(remote, r.key());
        if (r.body() instanceof io.lockstep.mesh.message.payload.Query q) {
            for (LocalEntities.Queryable qbl : core.local().queryables.values()) {
                if (qbl.key().intersects(key)) {
                    invoke(qbl, new Query(key, q.parameters(), q.body(), q.bodyEncoding(), q.attachment(),
                            remoteSink(t, r.id(), key, new EntityGlobalId(core.zid(), qbl.id()))));
                }
            }
        } else if (r.body() instanceof PushBody body) {
            core.deliverLocal(key, body);
        }
        t.send(ResponseFinal.of(r.id()), true, CongestionControl.BLOCK, true);
    }

    private static ReplySink remoteSink(PeerTransport t, long requestId, KeyExpr queried, EntityGlobalId responder) {
        return new ReplySink() {
            @Override
            public void reply(KeyExpr replyKey, PushBody body) {
                t.send(new Response(requestId, KeyResolver.wire(replyKey), null, null, responder,
                        new io.lockstep.mesh.message.payload.Reply(null, body)), true, CongestionControl.BLOCK, true);
            }

            @Override
            public void error(Err error) {
                t.send(new Response(requestId, KeyResolver.wire(queried), null, null, responder, error), true,
                        CongestionControl.BLOCK, true);
            }
        };
    }

    private static void invoke(LocalEntities.Queryable qbl, Query query) {
        try {
            qbl.callback().accept(query);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "queryable on " + qbl.key() + " failed", e);
        }
    }

    void onResponse(PeerTransport t, RemoteState remote, Response r) {
        PendingQuery q = queries.get(r.requestId());
        if (q == null) {
            return;
        }
        KeyExpr key = KeyResolver.key(remote, r.key());
        ZenohId replier = r.responder() == null ? null : r.responder().zid();
        if (r.body() instanceof io.lockstep.mesh.message.payload.Reply reply) {
            q.add(Reply.ok(Delivery.sample(key, reply.body(), t.peerIdentity()), replier));
        } else {
            Err e = (Err) r.body();
            q.add(Reply.error(e.payload(), e.encoding(), replier));
        }
    }

    void onResponseFinal(PeerTransport t, ResponseFinal f) {
        PendingQuery q = queries.get(f.requestId());
        if (q != null) {
            q.finalFrom(t);
        }
    }

    /** A peer that owed answers is gone: stop waiting for it. */
    void transportClosed(PeerTransport t) {
        queries.values().forEach(q -> q.finalFrom(t));
    }

    void close() {
        List.copyOf(queries.values()).forEach(PendingQuery::finish);
    }
}
