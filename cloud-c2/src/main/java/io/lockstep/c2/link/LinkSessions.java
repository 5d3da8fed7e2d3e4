package io.lockstep.c2.link;

import io.grpc.Status;
import io.lockstep.c2.fleet.LinkPresence;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live link session of each node connected through this replica. Which replica holds a node's link is
 * in Redis ({@link io.lockstep.c2.replica.LinkOwnership}); commands are ordered by a lock all replicas share.
 */
@ApplicationScoped
public class LinkSessions implements LinkPresence {

    private final Map<String, LinkSession> sessions = new ConcurrentHashMap<>();
    @jakarta.inject.Inject
    io.lockstep.c2.replica.LinkOwnership ownership;
    private volatile boolean accepting = true;

    /** Makes {@code session} the node's live session, closing the one it replaces (a reconnect). */
    void attach(LinkSession session) {
        LinkSession replaced = sessions.put(session.nodeId(), session);
        if (replaced != null && replaced != session) {
            replaced.close(Status.ABORTED.withDescription("replaced by a newer connection of node " + session.nodeId()));
        }
    }

    /** Forgets {@code session} if it is still the node's live one. */
    void detach(LinkSession session) {
        if (session.identified()) {
            sessions.remove(session.nodeId(), session);
        }
    }

    Optional<LinkSession> find(String nodeId) {
        return Optional.ofNullable(sessions.get(nodeId));
    }

    /** The sessions live on this replica. */
    List<LinkSession> live() {
        return sessions.values().stream().filter(session -> !session.closed()).toList();
    }

    /** Connected through this replica, or through another one that holds a live claim on the node's link. */
    @Override
    public boolean isConnected(String nodeId) {
        LinkSession session = sessions.get(nodeId);
        if (session != null && !session.closed()) {
            return true;
        }
        return ownership != null && ownership.linked(nodeId);
    }

    @Override
    public Set<String> connected(java.util.Collection<String> nodeIds) {
        Set<String> connected = new java.util.HashSet<>();
        List<String> elsewhere = new java.util.ArrayList<>();
        for (String nodeId : nodeIds) {
            LinkSession session = sessions.get(nodeId);
            if (session != null && !session.closed()) {
                connected.add(nodeId);
            } else {
                elsewhere.add(nodeId);
            }
        }
        if (ownership != null) {
            connected.addAll(ownership.linked(elsewhere));
        }
        return connected;
    }

    public Set<String> connectedNodes() {
        return Set.copyOf(sessions.keySet());
    }

    /** False once C2 is shutting down: new streams are refused. */
    public boolean accepting() {
        return accepting;
    }

    /** Stops accepting streams and closes every live one, so nodes reconnect to the next C2 instance. */
    void closeAll(Status status) {
        accepting = false;
        sessions.values().forEach(session -> session.close(status));
        sessions.clear();
    }
}
