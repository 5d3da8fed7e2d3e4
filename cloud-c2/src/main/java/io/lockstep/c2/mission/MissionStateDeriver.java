package io.lockstep.c2.mission;

import io.lockstep.proto.v1.MissionState;
import io.lockstep.proto.v1.NodeMissionState;
import java.util.Collection;

/**
 * The overall mission state, derived from the commander's actions and the node states:
 * aborted by the commander → MISSION_ABORTED; any node FAILED or REJECTED → MISSION_FAILED; every node
 * COMPLETED → MISSION_COMPLETED; every node finished but some ABORTED → MISSION_ABORTED; any node RUNNING,
 * HOLDING or already COMPLETED → IN_PROGRESS; otherwise DISPATCHED (or CREATED before dispatch).
 */
public final class MissionStateDeriver {

    private MissionStateDeriver() {
    }

    public static MissionState derive(MissionRecord mission, Collection<NodeMissionStatus> nodes) {
        if (mission.aborted()) {
            return MissionState.MISSION_ABORTED;
        }
        if (!mission.dispatched() || nodes.isEmpty()) {
            return MissionState.CREATED;
        }
        if (nodes.stream().anyMatch(n -> n.state() == NodeMissionState.FAILED || n.state() == NodeMissionState.REJECTED)) {
            return MissionState.MISSION_FAILED;
        }
        if (nodes.stream().allMatch(n -> n.state() == NodeMissionState.COMPLETED)) {
            return MissionState.MISSION_COMPLETED;
        }
        if (nodes.stream().allMatch(NodeMissionStatus::terminal)) {
            return MissionState.MISSION_ABORTED;
        }
        if (nodes.stream().anyMatch(n -> n.state() == NodeMissionState.RUNNING
                || n.state() == NodeMissionState.HOLDING || n.state() == NodeMissionState.COMPLETED)) {
            return MissionState.IN_PROGRESS;
        }
        return MissionState.DISPATCHED;
    }

    public static boolean isTerminal(MissionState state) {
        return state == MissionState.MISSION_COMPLETED || state == MissionState.MISSION_FAILED
                || state == MissionState.MISSION_ABORTED;
    }
}
