package io.lockstep.c2.link;

import io.grpc.Status;
import io.lockstep.proto.v1.C2ToEdge;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open EdgeLink stream. The node id is known once its Hello has been accepted. Sending is safe from
 * any thread: the Mutiny emitter serializes concurrent emissions.
 */
final class LinkSession {

    private final MultiEmitter<? super C2ToEdge> outbound;
    private final String peer;
    /** The node id the client certificate names (mutual TLS), or null on a plaintext link. */
    private final String certifiedNodeId;
    private volatile String nodeId;
    private volatile boolean closed;
    private final AtomicBoolean disconnected = new AtomicBoolean();
    /** What this session wrote as the node's link owner in Redis (null until its Hello was accepted). */
    private volatile String ownerToken;
    /** Guards {@link #pushedThrough}: commands go out in sequence order, each once per session. */
    final Object pushLock = new Object();
    /** Highest command seq pushed on this session (or applied by the node before it). */
    long pushedThrough;
    /** The node's live-sample credit, once its Hello asked for it; null: its live samples are not credited. */
    private volatile LiveCreditAccount liveCredit;

    LinkSession(MultiEmitter<? super C2ToEdge> outbound, String peer) {
        this(outbound, peer, null);
    }

    LinkSession(MultiEmitter<? super C2ToEdge> outbound, String peer, String certifiedNodeId) {
        this.outbound = outbound;
        this.peer = peer;
        this.certifiedNodeId = certifiedNodeId;
    }

    String certifiedNodeId() {
        return certifiedNodeId;
    }

    String nodeId() {
        return nodeId;
    }

    void identify(String nodeId) {
        this.nodeId = nodeId;
    }

    String ownerToken() {
        return ownerToken;
    }

    void ownedAs(String token) {
        this.ownerToken = token;
    }

    void creditLiveSamples(LiveCreditAccount account) {
        this.liveCredit = account;
    }

    LiveCreditAccount liveCredit() {
        return liveCredit;
    }

    /** The live-sample credit window announced in this session's Welcome; 0: none. */
    int liveCreditWindow() {
        LiveCreditAccount account = liveCredit;
        return account == null ? 0 : account.window();
    }

    boolean identified() {
        return nodeId != null;
    }

    String peer() {
        return peer;
    }

    void send(C2ToEdge message) {
        if (!closed && !outbound.isCancelled()) {
            outbound.emit(message);
        }
    }

    /** Ends the stream with an error status the node sees (e.g. INVALID_ARGUMENT for a protocol violation). */
    void close(Status status) {
        if (!closed) {
            closed = true;
            outbound.fail(status.asRuntimeException());
        }
    }

    /** Ends the stream normally (the node closed its side). */
    void complete() {
        if (!closed) {
            closed = true;
            outbound.complete();
        }
    }

    /** True only for the first call: the disconnect is handled once however the stream ended. */
    boolean markDisconnected() {
        return disconnected.compareAndSet(false, true);
    }

    boolean closed() {
        return closed || outbound.isCancelled();
    }

    @Override
    public String toString() {
        return "link session " + (nodeId == null ? "(no Hello yet)" : nodeId) + " from " + peer;
    }
}
