package io.lockstep.mesh.session;

import io.lockstep.mesh.api.ConsolidationMode;
import io.lockstep.mesh.api.Reply;
import io.lockstep.mesh.message.payload.Timestamp;
import io.lockstep.mesh.transport.PeerTransport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A get in flight: which peers still owe a RESPONSE_FINAL, and the consolidation state. Completes once, when every
 * peer answered, when the peers owing answers are gone, or at the timeout.
 */
final class PendingQuery {
    private final ConsolidationMode mode;
    private final Consumer<Reply> onReply;
    private final Runnable onDone;
    private final Set<PeerTransport> waiting = new HashSet<>();
    private final Map<String, Reply> latest = new LinkedHashMap<>();
    private final Map<String, Long> delivered = new HashMap<>();
    private boolean localPending = true;
    private boolean done;

    PendingQuery(ConsolidationMode mode, Consumer<Reply> onReply, Runnable onDone) {
        this.mode = mode;
        this.onReply = onReply;
        this.onDone = onDone;
    }

    synchronized void expect(PeerTransport transport) {
        waiting.add(transport);
    }

    synchronized void add(Reply reply) {
        if (done) {
            return;
        }
        if (!reply.isOk() || mode == ConsolidationMode.NONE) {
            deliver(reply);
            return;
        }
        String key = reply.sample().keyExpr();
        long time = time(reply);
        if (mode == ConsolidationMode.MONOTONIC) {
            Long last = delivered.get(key);
            if (last == null || time > last) {
                delivered.put(key, time);
                deliver(reply);
            }
            return;
        }
        Reply previous = latest.get(key);
        if (previous == null || time >= time(previous)) {
            latest.put(key, reply);
        }
    }

    private static long time(Reply reply) {
        Timestamp ts = reply.sample().timestamp();
        return ts == null ? Long.MIN_VALUE : ts.ntp64();
    }

    synchronized void finalFrom(PeerTransport transport) {
        waiting.remove(transport);
        completeIfAnswered();
    }

    synchronized void localDone() {
        localPending = false;
        completeIfAnswered();
    }

    private void completeIfAnswered() {
        if (!localPending && waiting.isEmpty()) {
            finish();
        }
    }

    /** Ends the get now (timeout or all answered); later replies are ignored. */
    synchronized boolean finish() {
        if (done) {
            return false;
        }
        List<Reply> buffered = new ArrayList<>(latest.values());
        latest.clear();
        buffered.forEach(this::deliver);
        done = true;
        try {
            onDone.run();
        } catch (RuntimeException ignored) {
            // completion callbacks belong to the user; their failure must not break the session
        }
        return true;
    }

    synchronized boolean isDone() {
        return done;
    }

    private void deliver(Reply reply) {
        try {
            onReply.accept(reply);
        } catch (RuntimeException ignored) {
            // user callback failures never reach the session threads
        }
    }
}
