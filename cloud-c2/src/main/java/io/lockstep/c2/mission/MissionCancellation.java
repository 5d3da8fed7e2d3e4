package io.lockstep.c2.mission;

import io.lockstep.c2.fleet.NodeCommands;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.CancelMissionRequest;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.TraceContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Cancel: a commander's request to stop a mission early that each node may refuse (unlike abort, which
 * the node always obeys). Shares still queued in C2 end ABORTED at once; every share running on a node
 * gets a {@code CancelMissionRequest}, and the node's CommandAck answers it: applied (the node stops and
 * reports ABORTED) or refused with a reason, which the share's {@code cancel} and the history show.
 */
@ApplicationScoped
public class MissionCancellation {

    private final MissionService missions;
    private final MissionStore store;
    private final MissionStatusService statuses;
    private final MissionScheduler scheduler;
    private final NodeCommands commands;
    private final Clock clock;

    public MissionCancellation(MissionService missions, MissionStore store, MissionStatusService statuses,
            MissionScheduler scheduler, NodeCommands commands, Clock clock) {
        this.missions = missions;
        this.store = store;
        this.statuses = statuses;
        this.scheduler = scheduler;
        this.commands = commands;
        this.clock = clock;
    }

    /**
     * Asks every node still working on the mission to cancel it. Asking again while a node has not answered
     * sends nothing new.
     *
     * @throws UnknownMissionException for an unknown (or archived) mission
     * @throws MissionConflictException when the mission was never dispatched or has already finished
     */
    public MissionRecord cancel(String missionId, String reason, TraceContext trace) {
        missions.get(missionId);
        return missions.locked(missionId, () -> {
            MissionRecord mission = missions.get(missionId);
            Map<String, NodeMissionStatus> current = store.nodeStatuses(missionId);
            var state = MissionStateDeriver.derive(mission, current.values());
            if (MissionStateDeriver.isTerminal(state)) {
                throw new MissionConflictException("mission " + missionId + " has already finished (" + state
                        + "); there is nothing to cancel");
            }
            if (!mission.dispatched()) {
                throw new MissionConflictException("mission " + missionId + " was never dispatched; there is nothing"
                        + " to cancel");
            }
            String why = reason == null || reason.isBlank() ? "cancelled by the commander" : reason;
            Instant now = clock.instant();
            for (NodeShare share : mission.shares()) {
                NodeMissionStatus status = current.get(share.nodeId());
                if (status == null || status.terminal()) {
                    continue;
                }
                if (status.state() == NodeMissionState.QUEUED) {
                    scheduler.dropQueued(missionId, share.nodeId(), "cancelled while queued: " + why);
                    continue;
                }
                if (status.cancel() != null && CancelState.REQUESTED.equals(status.cancel().state())) {
                    continue;
                }
                statuses.change(missionId, share.nodeId(), "CANCEL_REQUESTED", why,
                        s -> s.terminal() ? null : s.withCancel(CancelState.requested(why, now)));
                commands.send(share.nodeId(), C2ToEdge.newBuilder().setCancelMission(CancelMissionRequest.newBuilder()
                        .setMissionId(missionId).setReason(why).setTrace(trace)));
            }
            return missions.get(missionId);
        });
    }

    /** The node answered a cancel request: accepted (it stops) or refused with its reason. */
    public void answered(String nodeId, String missionId, boolean accepted, String answer) {
        Instant now = clock.instant();
        statuses.change(missionId, nodeId, accepted ? "CANCEL_ACCEPTED" : "CANCEL_REFUSED",
                accepted ? "the node accepted the cancel request" : "the node refused: " + answer,
                s -> s.cancel() == null ? null : s.withCancel(s.cancel().answered(accepted, accepted ? "" : answer, now)));
    }
}
