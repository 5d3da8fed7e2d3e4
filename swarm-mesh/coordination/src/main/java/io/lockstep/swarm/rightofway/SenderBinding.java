package io.lockstep.swarm.rightofway;

import io.lockstep.swarm.keys.SwarmKeys;

/**
 * The one place where the sender named inside a negotiation message is checked against the peer its key
 * expression names ({@code lockstep/swarm/negotiation/<peer>}). The default compares the key chunk of the
 * sender id; an authenticated mesh can bind the transport's peer identity here as well.
 */
@FunctionalInterface
public interface SenderBinding {

    /** Sender id must map to the key chunk the message arrived under. */
    SenderBinding KEY_CHUNK = (peerKey, senderId) -> SwarmKeys.chunk(senderId).equals(peerKey);

    boolean accepts(String peerKey, String senderId);
}
