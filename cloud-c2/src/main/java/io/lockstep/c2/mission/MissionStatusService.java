package io.lockstep.c2.mission;

import io.lockstep.c2.mission.cells.NodeCoverage;
import io.lockstep.c2.mission.cells.SwarmCoverageStore;
import io.lockstep.proto.v1.AgentStatus;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.StatusUpdate;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Applies what nodes report about their missions to the per-node mission status in Redis. The share's
 * state only moves forward: a terminal state is final, a restart shows as recovery, ticks never go back.
 */
@ApplicationScoped
public class MissionStatusService {

    private static final Logger LOG = Logger.getLogger(MissionStatusService.class);

    private final MissionStore store;
    private final SwarmCoverageStore coverage;
    private final Clock clock;

    public MissionStatusService(MissionStore store, SwarmCoverageStore coverage, Clock clock) {
        this.store = store;
        this.coverage = coverage;
        this.clock = clock;
    }

    /**
     * Records a node's status update. Updates for missions the node was not dispatched and updates to a
     * share that already finished are ignored; a report that the node is back at an earlier stage of a
     * share it had reached further (crash recovery) keeps the furthest state and marks it recovering.
     *
     * @return whether the update changed the stored status
     */
    public boolean apply(String nodeId, StatusUpdate update) {
        Optional<NodeMissionStatus> found = shareOf(update.getMissionId(), nodeId);
        if (found.isEmpty()) {
            return false;
        }
        NodeMissionStatus current = found.get();
        NodeMissionState state = update.getState();
        if (state == NodeMissionState.UNRECOGNIZED || state == NodeMissionState.NODE_MISSION_STATE_UNSPECIFIED) {
            LOG.warnf("Node %s sent mission %s status without a known state (%s); ignored", nodeId,
                    update.getMissionId(), update.getStateValue());
            return false;
        }
        if (current.terminal()) {
            if (state != current.state()) {
                LOG.warnf("Node %s reported %s for mission %s after it had finished as %s; ignored", nodeId, state,
                        update.getMissionId(), current.state());
            }
            return false;
        }
        Instant now = clock.instant();
        if (update.hasSwarm()) {
            coverage.put(update.getMissionId(), NodeCoverage.of(nodeId, update.getSwarm(), now));
        }
        List<AgentState> agents = update.getAgentsList().stream().map(MissionStatusService::agent).toList();
        NodeMissionStatus next;
        if (!NodeStates.isTerminal(state) && NodeStates.progress(state) < NodeStates.progress(current.state())) {
            next = new NodeMissionStatus(nodeId, current.state(), current.tick(), current.agents(),
                    current.fingerprint(), "recovering: the node reports " + state + " at tick " + update.getTick()
                            + (update.getDetail().isEmpty() ? "" : " (" + update.getDetail() + ")"),
                    now, state, current.recovering() ? current.recoveringSince() : now);
        } else if (!NodeStates.isTerminal(state) && update.getTick() < current.tick()) {
            // The node restarted from an older checkpoint: show progress from where C2 last saw it.
            next = new NodeMissionStatus(nodeId, current.state(), current.tick(), agents, current.fingerprint(),
                    "recovering: the node reports " + state + " at tick " + update.getTick() + ", behind tick "
                            + current.tick(), now, state, current.recovering() ? current.recoveringSince() : now);
        } else {
            next = new NodeMissionStatus(nodeId, state, Math.max(update.getTick(), current.tick()), agents,
                    update.getFingerprint(), update.getDetail(), now);
        }
        store.putNodeStatus(update.getMissionId(), next);
        return true;
    }

    /** Marks the node's share REJECTED because it refused the assignment command (unless it already finished). */
    public void rejectAssignment(String nodeId, String missionId, String error) {
        shareOf(missionId, nodeId).filter(current -> !current.terminal())
                .ifPresent(current -> store.putNodeStatus(missionId, new NodeMissionStatus(nodeId,
                        NodeMissionState.REJECTED, current.tick(), current.agents(), current.fingerprint(),
                        "assignment refused: " + error, clock.instant())));
    }

    private Optional<NodeMissionStatus> shareOf(String missionId, String nodeId) {
        if (missionId.isEmpty() || store.find(missionId).isEmpty()) {
            LOG.warnf("Node %s reported on unknown mission '%s'; ignored", nodeId, missionId);
            return Optional.empty();
        }
        Optional<NodeMissionStatus> current = store.nodeStatus(missionId, nodeId);
        if (current.isEmpty()) {
            LOG.warnf("Node %s reported on mission %s, which was not dispatched to it; ignored", nodeId, missionId);
        }
        return current;
    }

    private static AgentState agent(AgentStatus status) {
        return new AgentState(status.getName(), status.getState(), status.getFuelUsed(), status.getFault(),
                status.getProgressPermille());
    }
}
