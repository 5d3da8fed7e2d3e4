package io.lockstep.mesh.session;

import io.lockstep.mesh.api.ConsolidationMode;
import io.lockstep.mesh.api.Locality;
import io.lockstep.mesh.api.Query;
import io.lockstep.mesh.api.Reply;
import io.lockstep.mesh.api.Sample;
import io.lockstep.mesh.keyexpr.KeyExpr;
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
import io.lockstep.mesh.message.payload.Encoding;
import io.lockstep.mesh.message.payload.PushBody;
import io.lockstep.mesh.message.transport.Close;
import io.lockstep.mesh.message.transport.TransportCodec;
import io.lockstep.mesh.transport.CongestionControl;
import io.lockstep.mesh.transport.Endpoint;
import io.lockstep.mesh.transport.PeerAdmission;
import io.lockstep.mesh.transport.PeerTransport;
import io.lockstep.mesh.transport.TcpLink;
import io.lockstep.mesh.transport.TransportConfig;
import io.lockstep.mesh.transport.TransportListener;
import io.lockstep.mesh.transport.TransportParams;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The session engine: owns the transports to peers, the local declarations and what each peer declared, and
 * routes publications between them; queries and liveliness are handled by {@link QueryEngine} and
 * {@link LivelinessEngine}. Peers are not bridged to each other (no forwarding); a client sends everything to its
 * router.
 */
public final class SessionCore implements TransportListener {
    private static final System.Logger LOG = System.getLogger(SessionCore.class.getName());
    /** Interest id 0 is what Zenoh uses to push all current declarations to a new peer. */
    private static final long INITIAL_INTEREST = 0;
    private static final long INITIAL_DECLARATIONS_WAIT_MS = 1_000;
    private static final int ROUTE_CACHE = 4_096;
    private static final int ALL_DECLARATIONS = Interest.SUBSCRIBERS | Interest.QUERYABLES | Interest.TOKENS;

    /** Where a publication on one key goes: matching local subscribers and peers. */
    private record DataRoute(long version, List<LocalEntities.Subscriber> locals, List<PeerTransport> peers) {
    }

    private final SessionConfig config;
    private final TransportConfig transportConfig;
    private final LocalEntities local = new LocalEntities();
    private final Map<PeerTransport, RemoteState> remotes = new ConcurrentHashMap<>();
    private final Map<ZenohId, PeerTransport> byZid = new ConcurrentHashMap<>();
    private final Map<PeerTransport, CountDownLatch> initialDeclarations = new ConcurrentHashMap<>();
    /** Bumped whenever a subscriber or a transport comes or goes: cached data routes older than this are stale. */
    private final AtomicLong routingVersion = new AtomicLong();
    private final Map<KeyExpr, DataRoute> dataRoutes = new ConcurrentHashMap<>();
    private final AtomicLong entityIds = new AtomicLong(1);
    private final QueryEngine queries = new QueryEngine(this);
    private final LivelinessEngine liveliness = new LivelinessEngine(this);
    private final List<PeerListener> listeners = new CopyOnWriteArrayList<>();
    private final List<PeerConnector> connectors = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer;
    private final AtomicLong droppedWhileReconnecting = new AtomicLong();
    private final SessionAdmission admission;
    private final DeclarationCap declarationCap;
    private ScoutingAutoconnect scouting;
    private volatile boolean closed;

    public SessionCore(SessionConfig config) {
        this.config = config;
        this.transportConfig = new TransportConfig(config.zid(), config.mode(), config.leaseMillis(), config.batchSize(),
                config.maxMessageSize(), config.queueCapacity(), config.transportThreadStart(),
                config.transportReaderHandled());
        this.admission = new SessionAdmission(config, this::isConnectedTo);
        this.declarationCap = new DeclarationCap(config.maxDeclarationsPerPeer());
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
                awaitInitialDeclarations(c.connectOnce());
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

    /**
     * Like Zenoh's open, waits (briefly) for the peer's current declarations, which end with D_FINAL for interest
     * 0, so that a put right after open reaches the subscribers that already exist.
     */
    private void awaitInitialDeclarations(PeerTransport t) {
        CountDownLatch latch = initialDeclarations.get(t);
        if (latch == null) {
            return;
        }
        try {
            latch.await(INITIAL_DECLARATIONS_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a handshake asks before going on with a peer. */
    PeerAdmission admission() {
        return admission;
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
            out.add(new PeerInfo(t.params().peerZid(), t.params().peerWhatAmI(), t.remoteAddress(), t.peerIdentity()));
        }
        return out;
    }

    /** Open transports, for tests that need to break one on purpose. */
    public List<PeerTransport> transports() {
        return List.copyOf(remotes.keySet());
    }

    // ------------------------------------------------------------------ shared with the engines

    LocalEntities local() {
        return local;
    }

    Map<PeerTransport, RemoteState> remotes() {
        return remotes;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    DeclarationCap declarationCap() {
        return declarationCap;
    }

    long nextEntityId() {
        checkOpen();
        return entityIds.getAndIncrement();
    }

    /** Clients send everything to their router; peers only where a matching declaration was received. */
    boolean alwaysRoute(PeerTransport t) {
        return config.mode() == WhatAmI.CLIENT || t.params().peerWhatAmI() == WhatAmI.ROUTER;
    }

    void broadcast(NetworkMessage m) {
        for (PeerTransport t : remotes.keySet()) {
            t.send(m, true, CongestionControl.BLOCK);
        }
    }

    // ================================================================== transports

    /**
     * Adds the transport a finished handshake opened, unless the admission refuses it. The check and the
     * registration are one step (as Zenoh's transport manager does them under one lock), so two handshakes with
     * one peer that finish together (both sides dialled each other) cannot both be admitted.
     */
    PeerTransport opened(TcpLink link, TransportParams params) throws IOException {
        PeerTransport t;
        boolean toRouter = config.mode() == WhatAmI.CLIENT || params.peerWhatAmI() == WhatAmI.ROUTER;
        synchronized (this) {
            if (closed) {
                throw new IOException("session closed");
            }
            PeerAdmission.Refusal refusal = admission.refusal(link, params.peerZid(), params.peerWhatAmI());
            if (refusal != null) {
                refuse(link, refusal);
            }
            t = new PeerTransport(link, params, transportConfig, this);
            if (!toRouter) {
                initialDeclarations.put(t, new CountDownLatch(1));
            }
            remotes.put(t, new RemoteState());
            byZid.put(params.peerZid(), t);
        }
        routingVersion.incrementAndGet();
        t.start();
        LOG.log(System.Logger.Level.DEBUG, "session open with {0} ({1}, identity {2})", params.peerZid(),
                params.peerWhatAmI(), link.peerIdentity());
        if (toRouter) {
            // A router gets plain declarations; it answers our own interests, not an implicit one.
            sendCurrentDeclarations(t, null, null, ALL_DECLARATIONS);
        } else {
            // Between peers, current declarations answer the implicit interest 0, closed by D_FINAL (as zenoh-pico).
            sendCurrentDeclarations(t, INITIAL_INTEREST, null, ALL_DECLARATIONS);
        }
        liveliness.transportOpened(t);
        return t;
    }

    private static void refuse(TcpLink link, PeerAdmission.Refusal refusal) throws IOException {
        try {
            link.write(TransportCodec.encode(new Close(refusal.closeReason(), true)));
        } catch (IOException ignored) {
            // refusing anyway
        }
        link.close();
        throw new IOException(refusal.why());
    }

    @Override
    public void onClosed(PeerTransport t, String reason) {
        RemoteState remote = remotes.remove(t);
        byZid.remove(t.params().peerZid(), t);
        routingVersion.incrementAndGet();
        CountDownLatch initial = initialDeclarations.remove(t);
        if (initial != null) {
            initial.countDown();
        }
        LOG.log(System.Logger.Level.DEBUG, "session with {0} closed: {1}", t.params().peerZid(), reason);
        liveliness.transportClosed(t, remote);
        queries.transportClosed(t);
    }

    // ================================================================== inbound

    @Override
    public void onMessage(PeerTransport t, NetworkMessage m) {
        RemoteState remote = remotes.get(t);
        if (remote == null) {
            return;
        }
        if (m instanceof Push p) {
            KeyExpr key = KeyResolver.key(remote, p.key());
            deliverLocal(route(key), key, p.body(), t.peerIdentity());
        } else if (m instanceof Request r) {
            queries.onRequest(t, remote, r);
        } else if (m instanceof Response r) {
            queries.onResponse(t, remote, r);
        } else if (m instanceof ResponseFinal f) {
            queries.onResponseFinal(t, f);
        } else if (m instanceof Declare d) {
            onDeclare(t, remote, d);
        } else if (m instanceof Interest i) {
            onInterest(t, remote, i);
        }
    }

    private void onDeclare(PeerTransport t, RemoteState remote, Declare d) {
        Declaration decl = d.declaration();
        if (decl instanceof Declaration.KeyExpr k) {
            if (!declarationCap.admits(t, remote, remote.keyExprs, k.id())) {
                return;
            }
            // The scope of a D_KEYEXPR is always in the sender's mapping.
            String text = KeyResolver.resolve(remote, k.key(), true);
            KeyResolver.parse(text);
            remote.keyExprs.put(k.id(), text);
            remote.resolved.clear();
        } else if (decl instanceof Declaration.UndeclareKeyExpr u) {
            remote.keyExprs.remove(u.id());
            remote.resolved.clear();
        } else if (decl instanceof Declaration.Subscriber s) {
            if (!declarationCap.admits(t, remote, remote.subscribers, s.id())) {
                return;
            }
            remote.subscribers.put(s.id(), KeyResolver.key(remote, s.key()));
            routingVersion.incrementAndGet();
        } else if (decl instanceof Declaration.UndeclareSubscriber u) {
            remote.subscribers.remove(u.id());
            routingVersion.incrementAndGet();
        } else if (decl instanceof Declaration.Queryable q) {
            if (!declarationCap.admits(t, remote, remote.queryables, q.id())) {
                return;
            }
            remote.queryables.put(q.id(), KeyResolver.key(remote, q.key()));
        } else if (decl instanceof Declaration.UndeclareQueryable u) {
            remote.queryables.remove(u.id());
        } else if (decl instanceof Declaration.Token tok) {
            liveliness.onToken(t, remote, d.interestId(), tok);
        } else if (decl instanceof Declaration.UndeclareToken u) {
            liveliness.onUndeclareToken(t, remote, u);
        } else if (decl instanceof Declaration.Final && d.interestId() != null) {
            if (d.interestId() == INITIAL_INTEREST) {
                CountDownLatch initial = initialDeclarations.remove(t);
                if (initial != null) {
                    initial.countDown();
                }
            }
            liveliness.onFinal(t, d.interestId());
        }
    }

    private void onInterest(PeerTransport t, RemoteState remote, Interest i) {
        if (!i.wantsCurrent()) {
            return;
        }
        KeyExpr restrict = i.keyExpr() == null ? null : KeyResolver.key(remote, i.keyExpr());
        sendCurrentDeclarations(t, i.id(), restrict, i.options());
    }

    /**
     * Sends our declarations matching {@code restrict} as answers to {@code interestId}, then D_FINAL; with a null
     * interest id they are sent as plain declarations and no D_FINAL follows.
     */
    private void sendCurrentDeclarations(PeerTransport t, Long interestId, KeyExpr restrict, int options) {
        List<Declaration> out = new ArrayList<>();
        if ((options & Interest.SUBSCRIBERS) != 0) {
            for (LocalEntities.Subscriber s : local.subscribers.values()) {
                if (restrict == null || restrict.intersects(s.key())) {
                    out.add(new Declaration.Subscriber(s.id(), KeyResolver.wire(s.key())));
                }
            }
        }
        if ((options & Interest.QUERYABLES) != 0) {
            for (LocalEntities.Queryable q : local.queryables.values()) {
                if (restrict == null || restrict.intersects(q.key())) {
                    out.add(queryableDeclaration(q));
                }
            }
        }
        if ((options & Interest.TOKENS) != 0) {
            for (LocalEntities.Token tok : local.tokens.values()) {
                if (restrict == null || restrict.intersects(tok.key())) {
                    out.add(new Declaration.Token(tok.id(), KeyResolver.wire(tok.key())));
                }
            }
        }
        if (interestId != null) {
            out.add(new Declaration.Final());
        }
        for (Declaration d : out) {
            t.send(new Declare(interestId, null, null, null, d), true, CongestionControl.BLOCK);
        }
    }

    private static Declaration queryableDeclaration(LocalEntities.Queryable q) {
        return new Declaration.Queryable(q.id(), KeyResolver.wire(q.key()),
                q.complete() ? new Declaration.QueryableInfo(true, 0) : null);
    }

    // ================================================================== publication

    private DataRoute route(KeyExpr key) {
        long version = routingVersion.get();
        DataRoute r = dataRoutes.get(key);
        if (r != null && r.version() == version) {
            return r;
        }
        List<LocalEntities.Subscriber> locals = new ArrayList<>();
        for (LocalEntities.Subscriber s : local.subscribers.values()) {
            if (s.key().intersects(key)) {
                locals.add(s);
            }
        }
        List<PeerTransport> peers = new ArrayList<>();
        remotes.forEach((t, remote) -> {
            if (alwaysRoute(t) || remote.hasSubscriberFor(key)) {
                peers.add(t);
            }
        });
        r = new DataRoute(version, List.copyOf(locals), List.copyOf(peers));
        if (dataRoutes.size() >= ROUTE_CACHE) {
            dataRoutes.clear();
        }
        dataRoutes.put(key, r);
        return r;
    }

    void deliverLocal(KeyExpr key, PushBody body) {
        deliverLocal(route(key), key, body, null);
    }

    private static void deliverLocal(DataRoute route, KeyExpr key, PushBody body, String peerIdentity) {
        if (route.locals().isEmpty()) {
            return;
        }
        Sample sample = Delivery.sample(key, body, peerIdentity);
        for (LocalEntities.Subscriber s : route.locals()) {
            Delivery.deliver(s, sample);
        }
    }

    /**
     * Publishes to every peer with a matching subscriber, then to local subscribers, as far as {@code destination}
     * allows: the peers first, so that a local callback's work does not delay the write. False if a peer dropped it.
     */
    public boolean push(KeyExpr key, PushBody body, int qos, boolean reliable, CongestionControl congestion,
            Locality destination) {
        checkOpen();
        DataRoute route = route(key);
        boolean all = !destination.remote() || pushToPeers(route, key, body, qos, reliable, congestion);
        if (destination.local()) {
            deliverLocal(route, key, body, null);
        }
        return all;
    }

    private boolean pushToPeers(DataRoute route, KeyExpr key, PushBody body, int qos, boolean reliable,
            CongestionControl congestion) {
        boolean reconnecting = reconnecting();
        if (route.peers().isEmpty()) {
            if (reconnecting) {
                droppedWhileReconnecting(1);
            }
            return true;
        }
        Push push = new Push(KeyResolver.wire(key), qos == Qos.DEFAULT ? null : qos, null, null, body);
        boolean all = true;
        boolean express = (qos & Qos.FLAG_EXPRESS) != 0;
        boolean lostOne = reconnecting;
        for (PeerTransport t : route.peers()) {
            boolean sent = t.send(push, reliable, congestion, express);
            all &= sent;
            lostOne |= !sent && t.isClosed();
        }
        if (lostOne) {
            droppedWhileReconnecting(1);
        }
        return all;
    }

    /** True while some connect endpoint lost its session and is being re-established. */
    private boolean reconnecting() {
        for (PeerConnector c : connectors) {
            if (c.reconnecting()) {
                return true;
            }
        }
        return false;
    }

    private void droppedWhileReconnecting(long n) {
        long total = droppedWhileReconnecting.addAndGet(n);
        if (total <= 10 || total % 100 == 0) {
            LOG.log(System.Logger.Level.WARNING, "a publication missed a peer whose session is being re-established "
                    + "({0} so far): Zenoh does not store and forward", total);
        }
    }

    /**
     * Publications that missed a peer because its session was down: put while one of our connect endpoints was
     * reconnecting (that peer never gets them), or refused by a transport that had just closed.
     */
    public long droppedWhileReconnecting() {
        return droppedWhileReconnecting.get();
    }

    /** Sessions refused because the peer did not authenticate with a certificate from the trusted CA. */
    public long unauthenticatedPeersRefused() {
        return admission.unauthenticatedRefused();
    }

    /** Sessions closed because the peer went past {@link SessionConfig#maxDeclarationsPerPeer()}. */
    public long peersOverDeclarationCap() {
        return declarationCap.transportsClosed();
    }

    /** Live declarations all peers' transports hold now (what the declaration cap bounds per transport). */
    int peerDeclarations() {
        return remotes.values().stream().mapToInt(RemoteState::declarations).sum();
    }

    /** Peer tokens counted alive now, per (key, certified identity). */
    int peerTokensAlive() {
        return liveliness.tokensAlive();
    }

    /** Connections closed before their handshake because too many were idle or handshaking (all listeners). */
    public long refusedConnections() {
        return listeners.stream().mapToLong(PeerListener::refusedConnections).sum();
    }

    /** True when some peer (or local subscriber) would receive a publication on {@code key}. */
    public boolean hasMatchingSubscribers(KeyExpr key) {
        DataRoute r = route(key);
        return !r.locals().isEmpty() || !r.peers().isEmpty();
    }

    // ================================================================== declarations

    public long declareSubscriber(KeyExpr key, Consumer<Sample> callback) {
        long id = nextEntityId();
        local.subscribers.put(id, new LocalEntities.Subscriber(id, key, callback));
        routingVersion.incrementAndGet();
        broadcast(Declare.of(new Declaration.Subscriber(id, KeyResolver.wire(key))));
        return id;
    }

    public void undeclareSubscriber(long id) {
        boolean removed = local.subscribers.remove(id) != null;
        routingVersion.incrementAndGet();
        if (removed && !closed) {
            broadcast(Declare.of(new Declaration.UndeclareSubscriber(id, null)));
        }
    }

    public long declareQueryable(KeyExpr key, boolean complete, Consumer<Query> callback) {
        long id = nextEntityId();
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

    /** Sends a query to local queryables and to peers with a matching queryable. */
    public void get(KeyExpr key, String parameters, byte[] payload, Encoding encoding, byte[] attachment,
            ConsolidationMode consolidation, long timeoutMillis, Consumer<Reply> onReply, Runnable onDone) {
        checkOpen();
        queries.get(key, parameters, payload, encoding, attachment, consolidation, timeoutMillis, onReply, onDone);
    }

    public long declareToken(KeyExpr key) {
        return liveliness.declareToken(key);
    }

    public void undeclareToken(long id) {
        liveliness.undeclareToken(id);
    }

    /** Watches tokens on {@code key}; with {@code history} the tokens alive now are reported first. */
    public long declareLivelinessSubscriber(KeyExpr key, boolean history, Consumer<Sample> callback) {
        return liveliness.declareSubscriber(key, history, callback);
    }

    public void undeclareLivelinessSubscriber(long id) {
        liveliness.undeclareSubscriber(id);
    }

    /** Reports the tokens on {@code key} alive here and at our peers, asking routers with an INTEREST. */
    public void livelinessGet(KeyExpr key, long timeoutMillis, Consumer<Sample> onToken, Runnable onDone) {
        checkOpen();
        liveliness.get(key, timeoutMillis, onToken, onDone);
    }

    // ================================================================== lifecycle

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
        queries.close();
        liveliness.close();
        timer.shutdownNow();
    }
}
