package io.lockstep.mesh.session;

import io.lockstep.mesh.api.ConsolidationMode;
import io.lockstep.mesh.api.Query;
import io.lockstep.mesh.api.Reply;
import io.lockstep.mesh.api.Sample;
import io.lockstep.mesh.api.SampleKind;
import io.lockstep.mesh.codec.MalformedMessageException;
import io.lockstep.mesh.keyexpr.KeyExpr;
import io.lockstep.mesh.keyexpr.KeyExprException;
import io.lockstep.mesh.message.WhatAmI;
import io.lockstep.mesh.message.ZenohId;
import io.lockstep.mesh.message.network.Declaration;
import io.lockstep.mesh.message.network.Declare;
import io.lockstep.mesh.message.network.Interest;
import io.lockstep.mesh.message.network.NetworkMessage;
import io.lockstep.mesh.message.network.Push;
import io.lockstep.mesh.message.network.Qos;
import io.lockstep.mesh.message.network.Request;
import io.lockstep.mesh.message.network.Response;
import io.lockstep.mesh.message.network.ResponseFinal;
import io.lockstep.mesh.message.network.WireExpr;
import io.lockstep.mesh.message.payload.Encoding;
import io.lockstep.mesh.message.payload.EntityGlobalId;
import io.lockstep.mesh.message.payload.Err;
import io.lockstep.mesh.message.payload.Put;
import io.lockstep.mesh.message.payload.PushBody;
import io.lockstep.mesh.message.transport.Close;
import io.lockstep.mesh.transport.CongestionControl;
import io.lockstep.mesh.transport.Endpoint;
import io.lockstep.mesh.transport.PeerTransport;
import io.lockstep.mesh.transport.TcpLink;
import io.lockstep.mesh.transport.TransportConfig;
import io.lockstep.mesh.transport.TransportListener;
import io.lockstep.mesh.transport.TransportParams;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The session engine: owns the transports to peers, the local declarations and what each peer declared, and
 * routes data, queries and liveliness between them. Peers are not bridged to each other (no forwarding); a
 * client sends everything to its router.
 */
public final class SessionCore implements TransportListener {
    private static final System.Logger LOG = System.getLogger(SessionCore.class.getName());
    /** Interest id 0 is what Zenoh uses to push all current declarations to a new peer. */
    private static final long INITIAL_INTEREST = 0;

    private final SessionConfig config;
    private final TransportConfig transportConfig;
    private final LocalEntities local = new LocalEntities();
    private final Map<PeerTransport, RemoteState> remotes = new ConcurrentHashMap<>();
    private final Map<ZenohId, PeerTransport> byZid = new ConcurrentHashMap<>();
    private final Map<Long, PendingQuery> queries = new ConcurrentHashMap<>();
    private final Map<Long, PendingLivelinessQuery> livelinessQueries = new ConcurrentHashMap<>();
    private final AtomicLong entityIds = new AtomicLong(1);
    private final AtomicLong requestIds = new AtomicLong(1);
    private final AtomicLong interestIds = new AtomicLong(1);
    private final List<PeerListener> listeners = new CopyOnWriteArrayList<>();
    private final List<PeerConnector> connectors = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer;
    private ScoutingAutoconnect scouting;
    private volatile boolean closed;

    public SessionCore(SessionConfig config) {
        this.config = config;
        this.transportConfig = new TransportConfig(config.zid(), config.mode(), config.leaseMillis(), config.batchSize(),
                config.maxMessageSize(), config.queueCapacity());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "zenoh-timer-" + config.zid());
            t.setDaemon(true);
            return t;
        });
    }

    /** Binds the listen endpoints and starts the connectors; a first connection attempt is made synchronously. */
    public void start() throws IOException {
        for (Endpoint e : config.listen()) {
            PeerListener l = new PeerListener(this, e);
            listeners.add(l);
            l.start();
        }
        for (Endpoint e : config.connect()) {
            PeerConnector c = new PeerConnector(this, e);
            connectors.add(c);
            try {
                c.connectOnce();
            } catch (IOException e1) {
                if (config.mode() == WhatAmI.CLIENT && config.connect().size() == 1) {
                    close();
                    throw new IOException("cannot reach router at " + e + ": " + e1.getMessage(), e1);
                }
                LOG.log(System.Logger.Level.INFO, "{0} not reachable yet ({1}); will retry", e, e1.getMessage());
            }
            c.start();
        }
        if (config.multicastScouting()) {
            scouting = new ScoutingAutoconnect(this);
            scouting.start();
        }
    }

    boolean isConnectedTo(ZenohId zid) {
        PeerTransport t = byZid.get(zid);
        return t != null && !t.isClosed();
    }

    /** Keeps a session open to a locator found by scouting. */
    void addConnector(Endpoint endpoint) {
        if (closed) {
            return;
        }
        PeerConnector c = new PeerConnector(this, endpoint);
        connectors.add(c);
        c.start();
    }

    public SessionConfig config() {
        return config;
    }

    TransportConfig transportConfig() {
        return transportConfig;
    }

    public ZenohId zid() {
        return config.zid();
    }

    public List<Endpoint> listenEndpoints() {
        return listeners.stream().map(PeerListener::endpoint).toList();
    }

    public List<PeerInfo> peers() {
        List<PeerInfo> out = new ArrayList<>();
        for (PeerTransport t : remotes.keySet()) {
            out.add(new PeerInfo(t.params().peerZid(), t.params().peerWhatAmI(), t.remoteAddress()));
        }
        return out;
    }

    /** Open transports, for tests that need to break one on purpose. */
    public List<PeerTransport> transports() {
        return List.copyOf(remotes.keySet());
    }

    // ================================================================== transports

    PeerTransport opened(TcpLink link, TransportParams params) throws IOException {
        synchronized (this) {
            if (closed) {
                throw new IOException("session closed");
            }
            if (params.peerZid().equals(config.zid())) {
                refuse(link, "connected to ourselves");
            }
            PeerTransport existing = byZid.get(params.peerZid());
            if (existing != null && !existing.isClosed()) {
                refuse(link, "a session with " + params.peerZid() + " is already open");
            }
        }
        PeerTransport t = new PeerTransport(link, params, transportConfig, this);
        remotes.put(t, new RemoteState());
        byZid.put(params.peerZid(), t);
        t.start();
        LOG.log(System.Logger.Level.DEBUG, "session open with {0} ({1})", params.peerZid(), params.peerWhatAmI());
        sendCurrentDeclarations(t, INITIAL_INTEREST, null, Interest.SUBSCRIBERS | Interest.QUERYABLES | Interest.TOKENS);
        for (LocalEntities.Subscriber s : local.livelinessSubscribers.values()) {
            if (alwaysRoute(t)) {
                t.send(livelinessInterest(s.key(), true), true, CongestionControl.BLOCK);
            }
        }
        return t;
    }

    private static void refuse(TcpLink link, String why) throws IOException {
        try {
            link.write(io.lockstep.mesh.message.transport.TransportCodec.encode(new Close(Close.MAX_LINKS, true)));
        } catch (IOException ignored) {
            // refusing anyway
        }
        link.close();
        throw new IOException(why);
    }

    @Override
    public void onClosed(PeerTransport t, String reason) {
        RemoteState remote = remotes.remove(t);
        byZid.remove(t.params().peerZid(), t);
        LOG.log(System.Logger.Level.DEBUG, "session with {0} closed: {1}", t.params().peerZid(), reason);
        if (remote != null) {
            for (KeyExpr token : remote.tokens.values()) {
                notifyLiveliness(token, SampleKind.DELETE);
            }
            remote.tokens.clear();
        }
        queries.values().forEach(q -> q.finalFrom(t));
        livelinessQueries.values().forEach(q -> q.finalFrom(t));
    }

    /** Clients send everything to their router; peers only where a matching declaration was received. */
    private boolean alwaysRoute(PeerTransport t) {
        return config.mode() == WhatAmI.CLIENT || t.params().peerWhatAmI() == WhatAmI.ROUTER;
    }

    private void broadcast(NetworkMessage m) {
        for (PeerTransport t : remotes.keySet()) {
            t.send(m, true, CongestionControl.BLOCK);
        }
    }

    // ================================================================== inbound

    @Override
    public void onMessage(PeerTransport t, NetworkMessage m) {
        RemoteState remote = remotes.get(t);
        if (remote == null) {
            return;
        }
        if (m instanceof Push p) {
            deliverLocal(key(remote, p.key()), p.body());
        } else if (m instanceof Request r) {
            onRequest(t, remote, r);
        } else if (m instanceof Response r) {
            onResponse(remote, r);
        } else if (m instanceof ResponseFinal f) {
            PendingQuery q = queries.get(f.requestId());
            if (q != null) {
                q.finalFrom(t);
            }
        } else if (m instanceof Declare d) {
            onDeclare(t, remote, d);
        } else if (m instanceof Interest i) {
            onInterest(t, remote, i);
        }
    }

    private static String resolve(RemoteState remote, WireExpr w, boolean senderMapping) {
        if (w.scope() == 0) {
            return w.suffix();
        }
        if (!senderMapping) {
            throw new MalformedMessageException("key expression id " + w.scope() + " refers to our mapping, where it was never declared");
        }
        String prefix = remote.keyExprs.get(w.scope());
        if (prefix == null) {
            throw new MalformedMessageException("key expression id " + w.scope() + " was never declared");
        }
        return w.hasSuffix() ? prefix + w.suffix() : prefix;
    }

    private static KeyExpr key(RemoteState remote, WireExpr w) {
        String text = resolve(remote, w, w.senderMapping());
        try {
            return KeyExpr.autocanonize(text);
        } catch (KeyExprException e) {
            throw new MalformedMessageException(e.getMessage());
        }
    }

    private void onDeclare(PeerTransport t, RemoteState remote, Declare d) {
        Declaration decl = d.declaration();
        if (decl instanceof Declaration.KeyExpr k) {
            RemoteState.checkRoom(remote.keyExprs);
            String text = resolve(remote, k.key(), true);
            try {
                KeyExpr.autocanonize(text);
            } catch (KeyExprException e) {
                throw new MalformedMessageException(e.getMessage());
            }
            remote.keyExprs.put(k.id(), text);
        } else if (decl instanceof Declaration.UndeclareKeyExpr u) {
            remote.keyExprs.remove(u.id());
        } else if (decl instanceof Declaration.Subscriber s) {
            RemoteState.checkRoom(remote.subscribers);
            remote.subscribers.put(s.id(), key(remote, s.key()));
        } else if (decl instanceof Declaration.UndeclareSubscriber u) {
            remote.subscribers.remove(u.id());
        } else if (decl instanceof Declaration.Queryable q) {
            RemoteState.checkRoom(remote.queryables);
            remote.queryables.put(q.id(), key(remote, q.key()));
        } else if (decl instanceof Declaration.UndeclareQueryable u) {
            remote.queryables.remove(u.id());
        } else if (decl instanceof Declaration.Token tok) {
            KeyExpr key = key(remote, tok.key());
            PendingLivelinessQuery pending = d.interestId() == null ? null : livelinessQueries.get(d.interestId());
            if (pending != null) {
                pending.token(key);
                return;
            }
            RemoteState.checkRoom(remote.tokens);
            KeyExpr previous = remote.tokens.put(tok.id(), key);
            if (!key.equals(previous)) {
                notifyLiveliness(key, SampleKind.PUT);
            }
        } else if (decl instanceof Declaration.UndeclareToken u) {
            KeyExpr gone = remote.tokens.remove(u.id());
            if (gone != null) {
                notifyLiveliness(gone, SampleKind.DELETE);
            }
        } else if (decl instanceof Declaration.Final && d.interestId() != null) {
            PendingLivelinessQuery pending = livelinessQueries.get(d.interestId());
            if (pending != null) {
                pending.finalFrom(t);
            }
        }
    }

    private void onInterest(PeerTransport t, RemoteState remote, Interest i) {
        if (!i.wantsCurrent()) {
            return;
        }
        KeyExpr restrict = i.keyExpr() == null ? null : key(remote, i.keyExpr());
        sendCurrentDeclarations(t, i.id(), restrict, i.options());
    }

    /** Sends our declarations matching {@code restrict} as answers to {@code interestId}, then D_FINAL. */
    private void sendCurrentDeclarations(PeerTransport t, long interestId, KeyExpr restrict, int options) {
        if ((options & Interest.SUBSCRIBERS) != 0) {
            for (LocalEntities.Subscriber s : local.subscribers.values()) {
                if (restrict == null || restrict.intersects(s.key())) {
                    t.send(Declare.answering(interestId, new Declaration.Subscriber(s.id(), wire(s.key()))), true,
                            CongestionControl.BLOCK);
                }
            }
        }
        if ((options & Interest.QUERYABLES) != 0) {
            for (LocalEntities.Queryable q : local.queryables.values()) {
                if (restrict == null || restrict.intersects(q.key())) {
                    t.send(Declare.answering(interestId, queryableDeclaration(q)), true, CongestionControl.BLOCK);
                }
            }
        }
        if ((options & Interest.TOKENS) != 0) {
            for (LocalEntities.Token tok : local.tokens.values()) {
                if (restrict == null || restrict.intersects(tok.key())) {
                    t.send(Declare.answering(interestId, new Declaration.Token(tok.id(), wire(tok.key()))), true,
                            CongestionControl.BLOCK);
                }
            }
        }
        t.send(Declare.answering(interestId, new Declaration.Final()), true, CongestionControl.BLOCK);
    }

    private static Declaration queryableDeclaration(LocalEntities.Queryable q) {
        return new Declaration.Queryable(q.id(), wire(q.key()),
                q.complete() ? new Declaration.QueryableInfo(true, 0) : null);
    }

    private static WireExpr wire(KeyExpr key) {
        return WireExpr.of(key.toString());
    }

    private void onRequest(PeerTransport t, RemoteState remote, Request r) {
        KeyExpr key = key(remote, r.key());
        if (r.body() instanceof io.lockstep.mesh.message.payload.Query q) {
            for (LocalEntities.Queryable qbl : local.queryables.values()) {
                if (!qbl.key().intersects(key)) {
                    continue;
                }
                EntityGlobalId responder = new EntityGlobalId(config.zid(), qbl.id());
                ReplySink sink = new ReplySink() {
                    @Override
                    public void reply(KeyExpr replyKey, PushBody body) {
                        t.send(new Response(r.id(), wire(replyKey), null, null, responder,
                                new io.lockstep.mesh.message.payload.Reply(null, body)), true, CongestionControl.BLOCK);
                    }

                    @Override
                    public void error(Err error) {
                        t.send(new Response(r.id(), wire(key), null, null, responder, error), true, CongestionControl.BLOCK);
                    }
                };
                invokeQueryable(qbl, new Query(key, q.parameters(), q.body(), q.bodyEncoding(), q.attachment(), sink));
            }
        } else if (r.body() instanceof PushBody body) {
            deliverLocal(key, body);
        }
        t.send(ResponseFinal.of(r.id()), true, CongestionControl.BLOCK);
    }

    private static void invokeQueryable(LocalEntities.Queryable qbl, Query query) {
        try {
            qbl.callback().accept(query);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "queryable on " + qbl.key() + " failed", e);
        }
    }

    private void onResponse(RemoteState remote, Response r) {
        PendingQuery q = queries.get(r.requestId());
        if (q == null) {
            return;
        }
        KeyExpr key = key(remote, r.key());
        ZenohId replier = r.responder() == null ? null : r.responder().zid();
        if (r.body() instanceof io.lockstep.mesh.message.payload.Reply reply) {
            q.add(Reply.ok(sample(key, reply.body()), replier));
        } else {
            Err e = (Err) r.body();
            q.add(Reply.error(e.payload(), e.encoding(), replier));
        }
    }

    private static Sample sample(KeyExpr key, PushBody body) {
        if (body instanceof Put p) {
            return new Sample(key.toString(), SampleKind.PUT, p.payload(), p.encoding(), p.timestamp(), p.attachment());
        }
        return new Sample(key.toString(), SampleKind.DELETE, null, null, body.timestamp(), body.attachment());
    }

    private void deliverLocal(KeyExpr key, PushBody body) {
        Sample sample = null;
        for (LocalEntities.Subscriber s : local.subscribers.values()) {
            if (s.key().intersects(key)) {
                if (sample == null) {
                    sample = sample(key, body);
                }
                deliver(s, sample);
            }
        }
    }

    private static void deliver(LocalEntities.Subscriber s, Sample sample) {
        try {
            s.callback().accept(sample);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "subscriber on " + s.key() + " failed", e);
        }
    }

    private void notifyLiveliness(KeyExpr token, SampleKind kind) {
        Sample sample = new Sample(token.toString(), kind, null, null, null, null);
        for (LocalEntities.Subscriber s : local.livelinessSubscribers.values()) {
            if (s.key().intersects(token)) {
                deliver(s, sample);
            }
        }
    }

    // ================================================================== outbound API

    /** Publishes to local subscribers and to every peer with a matching subscriber. False if a peer dropped it. */
    public boolean push(KeyExpr key, PushBody body, int qos, boolean reliable, CongestionControl congestion) {
        checkOpen();
        deliverLocal(key, body);
        Push push = new Push(wire(key), qos == Qos.DEFAULT ? null : qos, null, null, body);
        boolean all = true;
        for (Map.Entry<PeerTransport, RemoteState> e : remotes.entrySet()) {
            if (alwaysRoute(e.getKey()) || e.getValue().hasSubscriberFor(key)) {
                all &= e.getKey().send(push, reliable, congestion);
            }
        }
        return all;
    }

    /** True when some peer (or local subscriber) would receive a publication on {@code key}. */
    public boolean hasMatchingSubscribers(KeyExpr key) {
        return local.subscribers.values().stream().anyMatch(s -> s.key().intersects(key))
                || remotes.entrySet().stream().anyMatch(e -> alwaysRoute(e.getKey()) || e.getValue().hasSubscriberFor(key));
    }

    public long declareSubscriber(KeyExpr key, Consumer<Sample> callback) {
        checkOpen();
        long id = entityIds.getAndIncrement();
        local.subscribers.put(id, new LocalEntities.Subscriber(id, key, callback));
        broadcast(Declare.of(new Declaration.Subscriber(id, wire(key))));
        return id;
    }

    public void undeclareSubscriber(long id) {
        if (local.subscribers.remove(id) != null && !closed) {
            broadcast(Declare.of(new Declaration.UndeclareSubscriber(id, null)));
        }
    }

    public long declareQueryable(KeyExpr key, boolean complete, Consumer<Query> callback) {
        checkOpen();
        long id = entityIds.getAndIncrement();
        LocalEntities.Queryable q = new LocalEntities.Queryable(id, key, complete, callback);
        local.queryables.put(id, q);
        broadcast(Declare.of(queryableDeclaration(q)));
        return id;
    }

    public void undeclareQueryable(long id) {
        if (local.queryables.remove(id) != null && !closed) {
            broadcast(Declare.of(new Declaration.UndeclareQueryable(id, null)));
        }
    }

    public long declareToken(KeyExpr key) {
        checkOpen();
        long id = entityIds.getAndIncrement();
        local.tokens.put(id, new LocalEntities.Token(id, key));
        broadcast(Declare.of(new Declaration.Token(id, wire(key))));
        notifyLiveliness(key, SampleKind.PUT);
        return id;
    }

    public void undeclareToken(long id) {
        LocalEntities.Token t = local.tokens.remove(id);
        if (t != null && !closed) {
            broadcast(Declare.of(new Declaration.UndeclareToken(id, null)));
            notifyLiveliness(t.key(), SampleKind.DELETE);
        }
    }

    /** Watches tokens on {@code key}; with {@code history} the tokens alive now are reported first. */
    public long declareLivelinessSubscriber(KeyExpr key, boolean history, Consumer<Sample> callback) {
        checkOpen();
        long id = entityIds.getAndIncrement();
        LocalEntities.Subscriber s = new LocalEntities.Subscriber(id, key, callback);
        if (history) {
            Set<String> alive = new LinkedHashSet<>();
            local.tokens.values().forEach(t -> alive.add(t.key().toString()));
            remotes.values().forEach(r -> r.tokens.values().forEach(k -> alive.add(k.toString())));
            for (String token : alive) {
                if (key.intersects(KeyExpr.autocanonize(token))) {
                    deliver(s, new Sample(token, SampleKind.PUT, null, null, null, null));
                }
            }
        }
        local.livelinessSubscribers.put(id, s);
        for (PeerTransport t : remotes.keySet()) {
            if (alwaysRoute(t)) {
                t.send(livelinessInterest(key, history), true, CongestionControl.BLOCK);
            }
        }
        return id;
    }

    private Interest livelinessInterest(KeyExpr key, boolean current) {
        return new Interest(interestIds.getAndIncrement(),
                current ? Interest.MODE_CURRENT_FUTURE : Interest.MODE_FUTURE, Interest.TOKENS, wire(key), null, null, null);
    }

    public void undeclareLivelinessSubscriber(long id) {
        local.livelinessSubscribers.remove(id);
    }

    /** Reports the tokens on {@code key} alive here and at our peers, asking routers with an INTEREST. */
    public void livelinessGet(KeyExpr key, long timeoutMillis, Consumer<Sample> onToken, Runnable onDone) {
        checkOpen();
        long id = interestIds.getAndIncrement();
        PendingLivelinessQuery pending = new PendingLivelinessQuery(key, onToken, () -> {
            livelinessQueries.remove(id);
            onDone.run();
        });
        // Peers push every token to each other (zenoh-pico ignores INTEREST on unicast), so what peers declared is
        // already known here; only routers are asked.
        List<PeerTransport> targets = new ArrayList<>();
        remotes.forEach((t, r) -> {
            if (alwaysRoute(t)) {
                targets.add(t);
            }
        });
        targets.forEach(pending::expect);
        livelinessQueries.put(id, pending);
        local.tokens.values().forEach(t -> pending.token(t.key()));
        remotes.forEach((t, r) -> {
            if (!alwaysRoute(t)) {
                r.tokens.values().forEach(pending::token);
            }
        });
        Interest interest = new Interest(id, Interest.MODE_CURRENT, Interest.TOKENS, wire(key), null, null, null);
        for (PeerTransport t : targets) {
            if (!t.send(interest, true, CongestionControl.BLOCK)) {
                pending.finalFrom(t);
            }
        }
        if (targets.isEmpty()) {
            pending.finish();
        } else {
            timer.schedule(pending::finish, timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Sends a query to local queryables and to peers with a matching queryable. */
    public void get(KeyExpr key, String parameters, byte[] payload, Encoding encoding, byte[] attachment,
            ConsolidationMode consolidation, long timeoutMillis, Consumer<Reply> onReply, Runnable onDone) {
        checkOpen();
        long id = requestIds.getAndIncrement();
        PendingQuery pending = new PendingQuery(consolidation, onReply, () -> {
            queries.remove(id);
            onDone.run();
        });
        List<PeerTransport> targets = new ArrayList<>();
        remotes.forEach((t, r) -> {
            if (alwaysRoute(t) || r.hasQueryableFor(key)) {
                targets.add(t);
            }
        });
        targets.forEach(pending::expect);
        queries.put(id, pending);
        io.lockstep.mesh.message.payload.Query body = new io.lockstep.mesh.message.payload.Query(
                consolidation == ConsolidationMode.AUTO ? null : consolidation.wire(),
                parameters == null || parameters.isEmpty() ? null : parameters, null,
                payload == null ? null : (encoding == null ? Encoding.DEFAULT : encoding), payload, attachment);
        Request request = new Request(id, wire(key), null, null, null, null, null, timeoutMillis, body);
        for (PeerTransport t : targets) {
            if (!t.send(request, true, CongestionControl.BLOCK)) {
                pending.finalFrom(t);
            }
        }
        for (LocalEntities.Queryable qbl : local.queryables.values()) {
            if (qbl.key().intersects(key)) {
                ReplySink sink = new ReplySink() {
                    @Override
                    public void reply(KeyExpr replyKey, PushBody b) {
                        pending.add(Reply.ok(sample(replyKey, b), config.zid()));
                    }

                    @Override
                    public void error(Err error) {
                        pending.add(Reply.error(error.payload(), error.encoding(), config.zid()));
                    }
                };
                invokeQueryable(qbl, new Query(key, parameters, payload, encoding, attachment, sink));
            }
        }
        pending.localDone();
        if (!pending.isDone()) {
            timer.schedule(pending::finish, timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("session is closed");
        }
    }

    public boolean isClosed() {
        return closed;
    }

    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (scouting != null) {
            scouting.close();
        }
        connectors.forEach(PeerConnector::close);
        listeners.forEach(PeerListener::close);
        for (PeerTransport t : List.copyOf(remotes.keySet())) {
            t.close(Close.GENERIC, "session closed");
        }
        List.copyOf(queries.values()).forEach(PendingQuery::finish);
        List.copyOf(livelinessQueries.values()).forEach(PendingLivelinessQuery::finish);
        timer.shutdownNow();
    }
}
