package io.lockstep.c2.mission;

import io.lockstep.proto.v1.NodeMissionState;

/**
 * A share's place in the Lattice-style task lifecycle the API shows next to the wire state
 * (docs/mission-lifecycle.md): SENT → RECEIVED → WILCO → EXECUTING → DONE_OK / DONE_NOT_OK, or ABORTED,
 * REJECTED; QUEUED before it is sent, PREEMPTED when a higher-priority mission took the node.
 */
public enum LifecycleState {
    QUEUED, SENT, RECEIVED, WILCO, EXECUTING, DONE_OK, DONE_NOT_OK, ABORTED, REJECTED, PREEMPTED;

    /** The lifecycle name of a wire state; older nodes' states map onto it too. */
    public static LifecycleState of(NodeMissionState state) {
        return switch (state) {
            case QUEUED -> QUEUED;
            case RECEIVED -> RECEIVED;
            case ACCEPTED -> WILCO;
            case LOADING, RUNNING, HOLDING -> EXECUTING;
            case COMPLETED -> DONE_OK;
            case FAILED -> DONE_NOT_OK;
            case ABORTED -> ABORTED;
            case REJECTED -> REJECTED;
            case PREEMPTED -> PREEMPTED;
            default -> SENT;
        };
    }
}
