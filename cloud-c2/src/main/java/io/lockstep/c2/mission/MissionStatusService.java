package io.lockstep.c2.mission;

import io.lockstep.c2.mission.cells.NodeCoverage;
import io.lockstep.c2.mission.cells.SwarmCoverageStore;
import io.lockstep.proto.v1.AgentStatus;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.StatusUpdate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Applies what nodes report about their missions, and C2's own decisions about a share (sent, queued,
 * preempted, cancel requested and answered), to the per-node mission status in Redis, and records every
 * transition in the mission's history. The share's state only moves forward: a terminal state is final,
 * a restart shows as recovery, ticks never go back, and a versioned update whose status version is not
 * above the stored one is refused (checked in the same Lua script that writes it).
 *
 * <p>Writes to one (mission, node) share are serialized here (C2 runs as a single instance), so the
 * read-compute-write of a status never loses a concurrent change.
 */
@ApplicationScoped
public class MissionStatusService {

    private static final Logger LOG = Logger.getLogger(MissionStatusService.class);
    public static final String STALE_METRIC = "lockstep.c2.status.stale.refused";

    private final MissionStore store;
    private final SwarmCoverageStore coverage;
    private final Clock clock;
    private final MissionHistory history;
    private final Event<NodeFreed> freed;
    private final Counter staleRefused;
    private final Object[] locks = new Object[64];

    public MissionStatusService(MissionStore store, SwarmCoverageStore coverage, Clock clock, MissionHistory history,
            Event<NodeFreed> freed, MeterRegistry meters) {
        this.store = store;
        this.coverage = coverage;
        this.clock = clock;
        this.history = history;
        this.freed = freed;
        this.staleRefused = Counter.builder(STALE_METRIC)
                .description("Node status updates refused because their status version was not above the stored one")
                .register(meters);
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * Records a node's status update. Updates for missions the node was not dispatched and updates to a
     * share that already finished are ignored; a report that the node is back at an earlier stage of a
     * share it had reached further (crash recovery) keeps the furthest state and marks it recovering.
     *
     * @return why the update is refused for good (a stale status version), or empty when it was applied
     *         or ignored
     */
    public Optional<String> apply(String nodeId, StatusUpdate update) {
        boolean[] finished = new boolean[1];
        Optional<String> refusal = applyLocked(nodeId, update, finished);
        // Outside the share's lock: the scheduler takes its own lock and then writes other shares.
        if (finished[0]) {
            freed.fire(new NodeFreed(nodeId));
        }
        return refusal;
    }

    private Optional<String> applyLocked(String nodeId, StatusUpdate update, boolean[] finished) {
        String missionId = update.getMissionId();
        synchronized (lockFor(missionId, nodeId)) {
            Optional<NodeMissionStatus> found = shareOf(missionId, nodeId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            NodeMissionStatus current = found.get();
            NodeMissionState state = update.getState();
            if (state == NodeMissionState.UNRECOGNIZED || state == NodeMissionState.NODE_MISSION_STATE_UNSPECIFIED
                    || state == NodeMissionState.QUEUED || state == NodeMissionState.PREEMPTED) {
                LOG.warnf("Node %s sent mission %s status without a state a node may report (%s); ignored", nodeId,
                        missionId, update.getStateValue());
                return Optional.empty();
            }
            long version = update.getStatusVersion();
            if (version > 0 && version <= current.statusVersion()) {
                return Optional.of(stale(nodeId, missionId, version, current.statusVersion()));
            }
            if (current.state() == NodeMissionState.QUEUED) {
                LOG.warnf("Node %s reported %s for mission %s, which is still queued for it; ignored", nodeId, state,
                        missionId);
                return Optional.empty();
            }
            if (current.terminal()) {
                if (state != current.state()) {
                    LOG.warnf("Node %s reported %s for mission %s after it had finished as %s; ignored", nodeId, state,
                            missionId, current.state());
                }
                return Optional.empty();
            }
            Instant now = clock.instant();
            if (update.hasSwarm()) {
                coverage.put(missionId, NodeCoverage.of(nodeId, update.getSwarm(), now));
            }
            NodeMissionStatus next = next(nodeId, current, update, now);
            if (version > 0) {
                next = next.withVersion(version);
            }
            String event = current.state() != next.state() ? "STATE"
                    : !Objects.equals(current.reportedState(), next.reportedState()) ? "RECOVERING" : null;
            HistoryEntry entry = event == null ? null : HistoryEntry.of(next, event, HistoryEntry.NODE, now);
            if (entry != null && event.equals("RECOVERING") && next.reportedState() != null) {
                entry = new HistoryEntry(null, now, nodeId, event, next.reportedState().name(),
                        LifecycleState.of(next.reportedState()).name(), version, update.getTick(), next.detail(),
                        HistoryEntry.NODE);
            }
            long[] stored = new long[1];
            MissionStore.PutResult result = store.putNodeStatus(missionId, next, version, entry, history.cap(), stored);
            if (result == MissionStore.PutResult.STALE) {
                return Optional.of(stale(nodeId, missionId, version, stored[0]));
            }
            finished[0] = result == MissionStore.PutResult.WRITTEN && next.terminal();
            return Optional.empty();
        }
    }

    private NodeMissionStatus next(String nodeId, NodeMissionStatus current, StatusUpdate update, Instant now) {
        NodeMissionState state = update.getState();
        List<AgentState> agents = update.getAgentsList().stream().map(MissionStatusService::agent).toList();
        if (!NodeStates.isTerminal(state) && NodeStates.progress(state) < NodeStates.progress(current.state())) {
            return new NodeMissionStatus(nodeId, current.state(), current.tick(), current.agents(),
                    current.fingerprint(), "recovering: the node reports " + state + " at tick " + update.getTick()
                            + (update.getDetail().isEmpty() ? "" : " (" + update.getDetail() + ")"),
                    now, state, current.recovering() ? current.recoveringSince() : now, current.statusVersion(),
                    current.cancel());
        }
        if (!NodeStates.isTerminal(state) && update.getTick() < current.tick()) {
            // The node restarted from an older checkpoint: show progress from where C2 last saw it.
            return new NodeMissionStatus(nodeId, current.state(), current.tick(), agents, current.fingerprint(),
                    "recovering: the node reports " + state + " at tick " + update.getTick() + ", behind tick "
                            + current.tick(), now, state, current.recovering() ? current.recoveringSince() : now,
                    current.statusVersion(), current.cancel());
        }
        return new NodeMissionStatus(nodeId, state, Math.max(update.getTick(), current.tick()), agents,
                update.getFingerprint(), update.getDetail(), now, null, null, current.statusVersion(),
                current.cancel());
    }

    private String stale(String nodeId, String missionId, long version, long stored) {
        staleRefused.increment();
        LOG.warnf("Node %s sent status version %d for mission %s, not above the stored %d; refused", nodeId,
                version, missionId, stored);
        return "stale status version " + version + " for mission " + missionId + ": C2 has applied version " + stored;
    }

    /** Marks the node's share REJECTED because it refused the assignment command (unless it already finished). */
    public void rejectAssignment(String nodeId, String missionId, String error) {
        change(missionId, nodeId, "REJECTED", current -> current.terminal() ? null
                : current.withState(NodeMissionState.REJECTED, "assignment refused: " + error, clock.instant()));
    }

    /**
     * Changes a share by C2's own decision and records it in the history as {@code event}.
     *
     * @param change the new status from the current one, or null to leave it as it is
     * @return the status written, or empty when the share is unknown or nothing changed
     */
    public Optional<NodeMissionStatus> change(String missionId, String nodeId, String event,
            UnaryOperator<NodeMissionStatus> change) {
        return change(missionId, nodeId, event, null, change);
    }

    /** Like {@link #change(String, String, String, UnaryOperator)}, with the history entry's detail given. */
    public Optional<NodeMissionStatus> change(String missionId, String nodeId, String event, String historyDetail,
            UnaryOperator<NodeMissionStatus> change) {
        boolean[] freedNode = new boolean[1];
        Optional<NodeMissionStatus> written = changeLocked(missionId, nodeId, event, historyDetail, change, freedNode);
        if (freedNode[0]) {
            freed.fire(new NodeFreed(nodeId));
        }
        return written;
    }

    private Optional<NodeMissionStatus> changeLocked(String missionId, String nodeId, String event,
            String historyDetail, UnaryOperator<NodeMissionStatus> change, boolean[] freedNode) {
        synchronized (lockFor(missionId, nodeId)) {
            Optional<NodeMissionStatus> current = store.nodeStatus(missionId, nodeId);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            NodeMissionStatus next = change.apply(current.get());
            if (next == null) {
                return Optional.empty();
            }
            HistoryEntry entry = HistoryEntry.of(next, event, HistoryEntry.C2, clock.instant());
            if (historyDetail != null) {
                entry = new HistoryEntry(null, entry.at(), nodeId, event, entry.state(), entry.lifecycle(),
                        entry.statusVersion(), entry.tick(), historyDetail, HistoryEntry.C2);
            }
            if (store.putNodeStatus(missionId, next, 0, entry, history.cap(), null) != MissionStore.PutResult.WRITTEN) {
                return Optional.empty();
            }
            freedNode[0] = next.terminal() && NodeStates.occupiesNode(current.get().state());
            return Optional.of(next);
        }
    }

    private Optional<NodeMissionStatus> shareOf(String missionId, String nodeId) {
        // Whether it exists, not the record: parsing a 1,000-share mission's JSON for each of its 1,000 status
        // updates was most of C2's CPU right after a fleet-wide dispatch.
        if (missionId.isEmpty() || !store.exists(missionId)) {
            LOG.warnf("Node %s reported on unknown mission '%s'; ignored", nodeId, missionId);
            return Optional.empty();
        }
        Optional<NodeMissionStatus> current = store.nodeStatus(missionId, nodeId);
        if (current.isEmpty()) {
            LOG.warnf("Node %s reported on mission %s, which was not dispatched to it; ignored", nodeId, missionId);
        }
        return current;
    }

    private Object lockFor(String missionId, String nodeId) {
        return locks[Math.floorMod((missionId + "\n" + nodeId).hashCode(), locks.length)];
    }

    private static AgentState agent(AgentStatus status) {
        return new AgentState(status.getName(), status.getState(), status.getFuelUsed(), status.getFault(),
                status.getProgressPermille());
    }
}
