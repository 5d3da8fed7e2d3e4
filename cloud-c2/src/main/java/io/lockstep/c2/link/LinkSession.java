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
