package io.lockstep.c2.fleet;

import java.time.Instant;

/**
 * A node's emergency stop as C2 knows it: what C2 last asked for (the e-stop command with the highest
 * command seq) and what the node confirmed by acknowledging an e-stop command. Only the confirmed part
 * says what the vehicle's latch is.
 */
public record EmergencyStopState(boolean requestedEngaged, String requestedReason, long requestedCommandSeq,
        Instant requestedAt, boolean confirmedEngaged, String confirmedReason, long confirmedCommandSeq,
        Instant confirmedAt, long refusedCommandSeq, String refusal, NodeLatch nodeLatch) {

    public static final EmergencyStopState NONE = new EmergencyStopState(false, "", 0, null, false, "", 0, null, 0, "",
            null);

    /**
     * The latch the node itself reports in its heartbeats, whoever engaged it (C2, its debug port, a mesh peer's
     * fleet stop); null until a node that reports it sent a heartbeat.
     */
    public record NodeLatch(boolean latched, String detail, Instant reportedAt) {
    }

    /** How the node stands with C2's latest e-stop request. */
    public enum Sync {
        /** C2 never sent an e-stop command to this node. */
        NONE,
        /** The latest request was sent but the node has not acknowledged it yet. */
        PENDING,
        /** The node applied the latest request: its latch is what was requested. */
        CONFIRMED,
        /** The node refused the latest request (e.g. it may not be cleared from C2); see the refusal. */
        REFUSED
    }

    public Sync sync() {
        if (requestedCommandSeq == 0) {
            return requestedEngaged ? Sync.PENDING : Sync.NONE;
        }
        if (refusedCommandSeq >= requestedCommandSeq && refusedCommandSeq > confirmedCommandSeq) {
            return Sync.REFUSED;
        }
        return confirmedCommandSeq >= requestedCommandSeq ? Sync.CONFIRMED : Sync.PENDING;
    }
}
