package io.lockstep.c2.mission;

import io.lockstep.proto.v1.NodeMissionState;
import java.time.Instant;
import java.util.List;

/** The last known state of a mission on one node. */
public record NodeMissionStatus(String nodeId, NodeMissionState state, long tick, List<AgentState> agents,
        String fingerprint, String detail, Instant updatedAt) {

    public NodeMissionStatus {
        agents = agents == null ? List.of() : List.copyOf(agents);
    }

    public static NodeMissionStatus assigned(String nodeId, Instant at) {
        return new NodeMissionStatus(nodeId, NodeMissionState.ASSIGNED, 0, List.of(), "", "", at);
    }

    public boolean terminal() {
        return NodeStates.isTerminal(state);
    }
}
