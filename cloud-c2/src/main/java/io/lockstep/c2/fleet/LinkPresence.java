package io.lockstep.c2.fleet;

/** Whether a node has a live link to this C2 instance right now (implemented by the link layer). */
public interface LinkPresence {

    boolean isConnected(String nodeId);
}
