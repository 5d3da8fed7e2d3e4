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
}
