package io.lockstep.c2.mission;

import io.lockstep.proto.v1.NodeMissionState;
import java.time.Instant;
import java.util.List;

/**
 * The last known state of a mission on one node. While the node recovers from a restart (it reports an
 * earlier state such as LOADING for a share that was already RUNNING), {@code state}, {@code tick} and
 * {@code fingerprint} keep the furthest point reached, {@code reportedState} holds what the node says it
 * is doing, and {@code recoveringSince} when that started; both are null otherwise. {@code statusVersion}
 * is the highest status version the node stamped on an applied update (0: none or an older node);
 * {@code cancel} the commander's cancel request and the node's answer (null: none).
 */
public record NodeMissionStatus(String nodeId, NodeMissionState state, long tick, List<AgentState> agents,
        String fingerprint, String detail, Instant updatedAt, NodeMissionState reportedState,
        Instant recoveringSince, long statusVersion, CancelState cancel) {

    public NodeMissionStatus {
        agents = agents == null ? List.of() : List.copyOf(agents);
    }

    public NodeMissionStatus(String nodeId, NodeMissionState state, long tick, List<AgentState> agents,
            String fingerprint, String detail, Instant updatedAt, NodeMissionState reportedState,
            Instant recoveringSince) {
        this(nodeId, state, tick, agents, fingerprint, detail, updatedAt, reportedState, recoveringSince, 0, null);
    }

    public NodeMissionStatus(String nodeId, NodeMissionState state, long tick, List<AgentState> agents,
            String fingerprint, String detail, Instant updatedAt) {
        this(nodeId, state, tick, agents, fingerprint, detail, updatedAt, null, null);
    }

    public static NodeMissionStatus assigned(String nodeId, Instant at) {
        return new NodeMissionStatus(nodeId, NodeMissionState.ASSIGNED, 0, List.of(), "", "", at);
    }

    public static NodeMissionStatus queued(String nodeId, String detail, Instant at) {
        return new NodeMissionStatus(nodeId, NodeMissionState.QUEUED, 0, List.of(), "", detail, at);
    }

    /** This status moved to {@code newState} by C2's own decision (keeps progress, version and cancel). */
    public NodeMissionStatus withState(NodeMissionState newState, String newDetail, Instant at) {
        return new NodeMissionStatus(nodeId, newState, tick, agents, fingerprint, newDetail, at, null, null,
                statusVersion, cancel);
    }

    public NodeMissionStatus withVersion(long version) {
        return new NodeMissionStatus(nodeId, state, tick, agents, fingerprint, detail, updatedAt, reportedState,
                recoveringSince, version, cancel);
    }

    public NodeMissionStatus withCancel(CancelState newCancel) {
        return new NodeMissionStatus(nodeId, state, tick, agents, fingerprint, detail, updatedAt, reportedState,
                recoveringSince, statusVersion, newCancel);
    }

    public boolean terminal() {
        return NodeStates.isTerminal(state);
    }

    public boolean recovering() {
        return recoveringSince != null;
    }
}
