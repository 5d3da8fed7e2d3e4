package io.lockstep.swarm.hazard;

import io.lockstep.swarm.keys.SwarmKeys;

/**
 * The one place where the receive path decides whether a message's claimed sender may speak under the key it
 * arrived on ({@code .../<node>}). The default compares the key's last chunk with the sender's id as a chunk;
 * an authenticated mesh (TLS peer identities) wraps it to also require that the link's peer is that node.
 */
@FunctionalInterface
public interface SenderBinding {

    /** Key chunk must be the claimed sender's id (as {@link SwarmKeys#chunk}). */
    SenderBinding KEY_CHUNK = (keyChunk, claimedSender) -> keyChunk != null
            && keyChunk.equals(SwarmKeys.chunk(claimedSender));

    /**
     * @param keyChunk the last chunk of the key the message arrived on
     * @param claimedSender the node id inside the message
     * @return whether the message is accepted as that node's
     */
    boolean accepts(String keyChunk, String claimedSender);
}
