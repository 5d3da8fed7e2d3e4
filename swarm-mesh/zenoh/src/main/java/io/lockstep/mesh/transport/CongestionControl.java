package io.lockstep.mesh.transport;

/** What a publisher does when a peer's outgoing queue is full: drop the message, or wait for room. */
public enum CongestionControl {
    DROP, BLOCK
}
