package io.lockstep.edge.link;

/** State of the node's link to C2, as the debug port and the sensor frame report it. */
public enum LinkState {
    /** No stream: waiting for the next reconnection attempt. */
    DISCONNECTED,
    /** Dialling C2 and waiting for its Welcome. */
    CONNECTING,
    /** Welcome received; the outbox has been re-sent and new messages flow. */
    CONNECTED,
    /** The node is shutting down; no more attempts. */
    CLOSED
}
