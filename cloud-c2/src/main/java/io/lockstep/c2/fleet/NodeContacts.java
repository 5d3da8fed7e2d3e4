package io.lockstep.c2.fleet;

import io.lockstep.c2.config.C2Config;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

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
        Instant lastSeen = registry.lastSeen(nodeId).orElse(null);
        boolean fresh = lastSeen != null && !lastSeen.plus(timeout).isBefore(clock.instant());
        if (presence.isConnected(nodeId) && fresh) {
            return new NodeContact(NodeContact.State.IN_CONTACT, null);
        }
        return new NodeContact(NodeContact.State.OUT_OF_CONTACT, lastSeen);
    }
}
