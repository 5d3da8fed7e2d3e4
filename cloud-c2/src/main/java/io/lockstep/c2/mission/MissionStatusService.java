package io.lockstep.c2.mission;

import io.lockstep.c2.mission.cells.NodeCoverage;
import io.lockstep.c2.mission.cells.SwarmCoverageStore;
import io.lockstep.proto.v1.AgentStatus;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.StatusUpdate;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Applies what nodes report about their missions to the per-node mission status in Redis. */
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
     * Records a node's status update. Updates for missions the node was not dispatched, and updates that
     * would move a finished share back to an unfinished state, are ignored.
     *
     * @return whether the update changed the stored status
     */
    public boolean apply(String nodeId, StatusUpdate update) {
        Optional<NodeMissionStatus> current = shareOf(update.getMissionId(), nodeId);
        if (current.isEmpty()) {
            return false;
        }
        NodeMissionState state = update.getState();
        if (state == NodeMissionState.UNRECOGNIZED || state == NodeMissionState.NODE_MISSION_STATE_UNSPECIFIED) {
            LOG.warnf("Node %s sent mission %s status without a known state (%s); ignored", nodeId,
                    update.getMissionId(), update.getStateValue());
            return false;
        }
        if (current.get().terminal() && !NodeStates.isTerminal(state)) {
            LOG.warnf("Node %s reported %s for mission %s after it had finished as %s; ignored", nodeId, state,
                    update.getMissionId(), current.get().state());
            return false;
        }
        if (update.hasSwarm()) {
            coverage.put(update.getMissionId(), NodeCoverage.of(nodeId, update.getSwarm(), clock.instant()));
        }
        List<AgentState> agents = update.getAgentsList().stream().map(MissionStatusService::agent).toList();
        store.putNodeStatus(update.getMissionId(), new NodeMissionStatus(nodeId, state, update.getTick(), agents,
                update.getFingerprint(), update.getDetail(), clock.instant()));
        return true;
    }

    /** Marks the node's share REJECTED because it refused the assignment command. */
    public void rejectAssignment(String nodeId, String missionId, String error) {
        shareOf(missionId, nodeId).ifPresent(current -> store.putNodeStatus(missionId, new NodeMissionStatus(nodeId,
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
