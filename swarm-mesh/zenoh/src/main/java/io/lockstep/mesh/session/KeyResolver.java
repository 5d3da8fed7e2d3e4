package io.lockstep.mesh.session;

import io.lockstep.mesh.codec.MalformedMessageException;
import io.lockstep.mesh.keyexpr.KeyExpr;
import io.lockstep.mesh.keyexpr.KeyExprException;
import io.lockstep.mesh.message.network.WireExpr;

/** Turns wire expressions received from a peer into key expressions, and key expressions into what we send. */
final class KeyResolver {
    private static final int RESOLVED_CACHE = 4_096;

    private KeyResolver() {
    }

    /** What we send: always the full key string, no scope (we never declare key-expression ids). */
    static WireExpr wire(KeyExpr key) {
        return WireExpr.of(key.toString());
    }

    /** The text of {@code w}, expanding a scope declared by the peer (the sender's mapping). */
    static String resolve(RemoteState remote, WireExpr w, boolean senderMapping) {
        if (w.scope() == 0) {
            return w.suffix();
        }
        if (!senderMapping) {
            throw new MalformedMessageException("key expression id " + w.scope()
                    + " refers to our mapping, where it was never declared");
        }
        String prefix = remote.keyExprs.get(w.scope());
        if (prefix == null) {
            throw new MalformedMessageException("key expression id " + w.scope() + " was never declared");
        }
        return w.hasSuffix() ? prefix + w.suffix() : prefix;
    }

    /** Resolves and canonicalises, with a per-peer cache; a bad expression is a malformed message. */
    static KeyExpr key(RemoteState remote, WireExpr w) {
        KeyExpr cached = remote.resolved.get(w);
        if (cached != null) {
            return cached;
        }
        KeyExpr k = parse(resolve(remote, w, w.senderMapping()));
        if (remote.resolved.size() >= RESOLVED_CACHE) {
            remote.resolved.clear();
        }
        remote.resolved.put(w, k);
        return k;
    }

    static KeyExpr parse(String text) {
        try {
            return KeyExpr.autocanonize(text);
        } catch (KeyExprException e) {
            throw new MalformedMessageException(e.getMessage());
        }
    }
}
