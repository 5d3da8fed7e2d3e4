package io.lockstep.c2.fleet;

import io.lockstep.c2.config.C2Config;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Tells whether a node is in contact: its link is up and it spoke within the contact timeout. */
@ApplicationScoped
public class NodeContacts {

    private final NodeRegistry registry;
    private final LinkPresence presence;
    private final Clock clock;
    private final Duration timeout;

    public NodeContacts(NodeRegistry registry, LinkPresence presence, Clock clock, C2Config config) {
        this.registry = registry;
        this.presence = presence;
        this.clock = clock;
        this.timeout = config.fleet().contactTimeout();
    }

    public NodeContact of(String nodeId) {
        return contact(registry.lastSeen(nodeId).orElse(null), presence.isConnected(nodeId));
    }

    /**
     * {@link #of} for many nodes, read up front in two pipelined round trips (a mission view of 1,000 shares
     * read each node one by one).
     */
    public Function<String, NodeContact> of(List<String> nodeIds) {
        Map<String, Instant> lastSeen = registry.lastSeen(nodeIds);
        Set<String> connected = presence.connected(nodeIds);
        return nodeId -> contact(lastSeen.get(nodeId), connected.contains(nodeId));
    }

    private NodeContact contact(Instant lastSeen, boolean connected) {
        boolean fresh = lastSeen != null && !lastSeen.plus(timeout).isBefore(clock.instant());
        if (connected && fresh) {
            return new NodeContact(NodeContact.State.IN_CONTACT, null);
        }
        return new NodeContact(NodeContact.State.OUT_OF_CONTACT, lastSeen);
    }
}
