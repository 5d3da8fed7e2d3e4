package io.lockstep.c2.mission;

import io.lockstep.proto.v1.NodeMissionState;
import java.util.EnumSet;
import java.util.Set;

/** Facts about node mission states that more than one class needs. */
public final class NodeStates {

    private static final Set<NodeMissionState> TERMINAL = EnumSet.of(NodeMissionState.COMPLETED,
            NodeMissionState.FAILED, NodeMissionState.ABORTED, NodeMissionState.REJECTED, NodeMissionState.PREEMPTED);

    private NodeStates() {
    }

    public static boolean isTerminal(NodeMissionState state) {
        return TERMINAL.contains(state);
    }

    /**
     * How far along the share's lifecycle a non-terminal state is: QUEUED 0, ASSIGNED (sent) 1, RECEIVED 2,
     * ACCEPTED 3, LOADING 4, RUNNING and HOLDING 5. A report of a lower progress than stored means the node
     * is starting over (a restart) and is shown as recovery, never as the share going backwards.
     */
    public static int progress(NodeMissionState state) {
        return switch (state) {
            case QUEUED -> 0;
            case ASSIGNED -> 1;
            case RECEIVED -> 2;
            case ACCEPTED -> 3;
            case LOADING -> 4;
            case RUNNING, HOLDING -> 5;
            default -> 6;
        };
    }

    /** Whether the share occupies its node: sent to it and not finished (a queued share does not). */
    public static boolean occupiesNode(NodeMissionState state) {
        return state != NodeMissionState.QUEUED && !isTerminal(state);
    }
}
