package io.lockstep.mesh.api;

import io.lockstep.mesh.keyexpr.KeyExpr;
import java.nio.charset.StandardCharsets;

/** Publishes repeatedly on one key expression with fixed options (congestion control, priority...). */
public final class Publisher implements AutoCloseable {
    private final Session session;
    private final KeyExpr key;
    private final PutOptions options;
    private volatile boolean closed;

    Publisher(Session session, KeyExpr key, PutOptions options) {
        this.session = session;
        this.key = key;
        this.options = options;
    }

    public String keyExpr() {
        return key.toString();
    }

    /** Returns false when congestion control dropped the sample for at least one peer. */
    public boolean put(byte[] payload) {
        return put(payload, null);
    }

    public boolean put(String payload) {
        return put(payload.getBytes(StandardCharsets.UTF_8), null);
    }

    public boolean put(byte[] payload, byte[] attachment) {
        check();
        PutOptions o = attachment == null ? options : options.withAttachment(attachment);
        return session.put(key, payload, o);
    }

    public boolean delete() {
        check();
        return session.delete(key, options);
    }

    /** True when someone currently subscribes to a key expression intersecting ours. */
    public boolean hasMatchingSubscribers() {
        return session.core().hasMatchingSubscribers(key);
    }

    private void check() {
        if (closed) {
            throw new IllegalStateException("publisher closed");
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
