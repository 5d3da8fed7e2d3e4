package io.lockstep.c2.fleet;

/** Whether a node has a live link to this C2 instance right now (implemented by the link layer). */
public interface LinkPresence {

    boolean isConnected(String nodeId);

    /** Those of {@code nodeIds} that {@link #isConnected} (in one round trip for the ones linked elsewhere). */
    java.util.Set<String> connected(java.util.Collection<String> nodeIds);
}
