package io.lockstep.c2.mission;

import io.lockstep.proto.v1.NodeMissionState;
import java.time.Instant;
import java.util.List;

/**
 * The last known state of a mission on one node. While the node recovers from a restart (it reports an
 * earlier state such as LOADING for a share that was already RUNNING), {@code state}, {@code tick} and
 * {@code fingerprint} keep the furthest point reached, {@code reportedState} holds what the node says it
 * is doing, and {@code recoveringSince} when that started; both are null otherwise.
 */
public record NodeMissionStatus(String nodeId, NodeMissionState state, long tick, List<AgentState> agents,
        String fingerprint, String detail, Instant updatedAt, NodeMissionState reportedState,
        Instant recoveringSince) {

    public NodeMissionStatus {
        agents = agents == null ? List.of() : List.copyOf(agents);
    }

    public NodeMissionStatus(String nodeId, NodeMissionState state, long tick, List<AgentState> agents,
            String fingerprint, String detail, Instant updatedAt) {
        this(nodeId, state, tick, agents, fingerprint, detail, updatedAt, null, null);
    }

    public static NodeMissionStatus assigned(String nodeId, Instant at) {
        return new NodeMissionStatus(nodeId, NodeMissionState.ASSIGNED, 0, List.of(), "", "", at);
    }

    public boolean terminal() {
        return NodeStates.isTerminal(state);
    }

    public boolean recovering() {
        return recoveringSince != null;
    }
}
