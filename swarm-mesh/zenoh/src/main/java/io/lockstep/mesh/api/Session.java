package io.lockstep.mesh.api;

import io.lockstep.mesh.keyexpr.KeyExpr;
import io.lockstep.mesh.message.ZenohId;
import io.lockstep.mesh.message.network.Qos;
import io.lockstep.mesh.message.payload.Del;
import io.lockstep.mesh.message.payload.Put;
import io.lockstep.mesh.session.PeerInfo;
import io.lockstep.mesh.session.SessionCore;
import io.lockstep.mesh.transport.CongestionControl;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/** An open Zenoh session: publish, subscribe, query, answer queries, and track liveliness. */
public final class Session implements AutoCloseable {
    private final SessionCore core;
    private final Liveliness liveliness;

    private Session(SessionCore core) {
        this.core = core;
        this.liveliness = new Liveliness(core);
    }

    static Session open(Config config) throws IOException {
        SessionCore core = new SessionCore(config.toSessionConfig());
        core.start();
        return new Session(core);
    }

    /** The session engine, for diagnostics and tests (e.g. to break a transport on purpose). */
    public SessionCore core() {
        return core;
    }

    public ZenohId zid() {
        return core.zid();
    }

    /** The endpoints we listen on, with any port 0 replaced by the port actually bound. */
    public List<String> listenEndpoints() {
        return core.listenEndpoints().stream().map(Object::toString).toList();
    }

    public List<PeerInfo> peers() {
        return core.peers();
    }

    /** Publications that missed a peer whose session was being re-established (see SessionCore). */
    public long droppedWhileReconnecting() {
        return core.droppedWhileReconnecting();
    }

    /** Sessions refused because the peer did not authenticate with a certificate from the trusted CA. */
    public long unauthenticatedPeersRefused() {
        return core.unauthenticatedPeersRefused();
    }

    /** Sessions closed because the peer declared more than the per-peer declaration cap. */
    public long peersOverDeclarationCap() {
        return core.peersOverDeclarationCap();
    }

    public Liveliness liveliness() {
        return liveliness;
    }

    // ------------------------------------------------------------------ publication

    public boolean put(String key, String value) {
        return put(key, value.getBytes(StandardCharsets.UTF_8), PutOptions.DEFAULT);
    }

    public boolean put(String key, byte[] value, PutOptions options) {
        return put(KeyExpr.autocanonize(key), value, options);
    }

    boolean put(KeyExpr key, byte[] value, PutOptions options) {
        Put put = new Put(null, options.encoding(), null, options.attachment(), value);
        return core.push(key, put, qos(options), options.reliable(), options.congestionControl(),
                options.allowedDestination());
    }

    public boolean delete(String key) {
        return delete(KeyExpr.autocanonize(key), PutOptions.DEFAULT);
    }

    boolean delete(KeyExpr key, PutOptions options) {
        return core.push(key, new Del(null, null, options.attachment()), qos(options), options.reliable(),
                options.congestionControl(), options.allowedDestination());
    }

    private static int qos(PutOptions o) {
        return Qos.of(o.priority().value(), o.congestionControl() == CongestionControl.BLOCK, o.express());
    }

    public Publisher declarePublisher(String key, PutOptions options) {
        return new Publisher(this, KeyExpr.autocanonize(key), options);
    }

    // ------------------------------------------------------------------ subscription

    public Subscriber declareSubscriber(String key, Consumer<Sample> callback) {
        KeyExpr k = KeyExpr.autocanonize(key);
        long id = core.declareSubscriber(k, callback);
        return new Subscriber(k.toString(), () -> core.undeclareSubscriber(id));
    }

    /** A subscriber as a stream: declared when subscribed to, undeclared when cancelled. */
    public Multi<Sample> subscribe(String key) {
        return Multi.createFrom().emitter(emitter -> {
            Subscriber s = declareSubscriber(key, emitter::emit);
            emitter.onTermination(s::close);
        }, BackPressureStrategy.BUFFER);
    }

    // ------------------------------------------------------------------ queries

    public Queryable declareQueryable(String key, Consumer<Query> callback) {
        return declareQueryable(key, false, callback);
    }

    public Queryable declareQueryable(String key, boolean complete, Consumer<Query> callback) {
        KeyExpr k = KeyExpr.autocanonize(key);
        long id = core.declareQueryable(k, complete, callback);
        return new Queryable(k.toString(), () -> core.undeclareQueryable(id));
    }

    /** Sends a query; {@code onReply} sees each (consolidated) reply, then {@code onDone} runs once. */
    public void get(String selector, GetOptions options, Consumer<Reply> onReply, Runnable onDone) {
        int q = selector.indexOf('?');
        KeyExpr key = KeyExpr.autocanonize(q < 0 ? selector : selector.substring(0, q));
        String params = q < 0 ? null : selector.substring(q + 1);
        core.get(key, params, options.payload(), options.encoding(), options.attachment(), options.consolidation(),
                options.timeout().toMillis(), onReply, onDone);
    }

    /** Blocks until every reply arrived or the timeout passed. */
    public List<Reply> getAll(String selector, GetOptions options) throws InterruptedException {
        List<Reply> replies = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        get(selector, options, replies::add, done::countDown);
        done.await();
        return List.copyOf(replies);
    }

    public Multi<Reply> getMulti(String selector, GetOptions options) {
        return Multi.createFrom().emitter(emitter -> get(selector, options, emitter::emit, emitter::complete),
                BackPressureStrategy.BUFFER);
    }

    public boolean isClosed() {
        return core.isClosed();
    }

    @Override
    public void close() {
        core.close();
    }
}
