package io.lockstep.edge.mission;

import io.lockstep.proto.v1.NodeMissionState;

/** Facts about {@link NodeMissionState} the node relies on. */
public final class MissionStates {

    private MissionStates() {
    }

    public static boolean isTerminal(NodeMissionState state) {
        return switch (state) {
            case COMPLETED, FAILED, ABORTED, REJECTED -> true;
            default -> false;
        };
    }
}
