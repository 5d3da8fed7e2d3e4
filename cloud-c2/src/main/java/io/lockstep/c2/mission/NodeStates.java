package io.lockstep.c2.mission;

import io.lockstep.proto.v1.NodeMissionState;
import java.util.EnumSet;
import java.util.Set;

/** Facts about node mission states that more than one class needs. */
public final class NodeStates {

    private static final Set<NodeMissionState> TERMINAL = EnumSet.of(NodeMissionState.COMPLETED,
            NodeMissionState.FAILED, NodeMissionState.ABORTED, NodeMissionState.REJECTED);

    private NodeStates() {
    }

    public static boolean isTerminal(NodeMissionState state) {
        return TERMINAL.contains(state);
    }

    /**
     * How far along the share's lifecycle a non-terminal state is: ASSIGNED 1, ACCEPTED 2, LOADING 3,
     * RUNNING and HOLDING 4. A report of a lower progress than stored means the node is starting over
     * (a restart) and is shown as recovery, never as the share going backwards.
     */
    public static int progress(NodeMissionState state) {
        return switch (state) {
            case ASSIGNED -> 1;
            case ACCEPTED -> 2;
            case LOADING -> 3;
            case RUNNING, HOLDING -> 4;
            default -> 5;
        };
    }
}
