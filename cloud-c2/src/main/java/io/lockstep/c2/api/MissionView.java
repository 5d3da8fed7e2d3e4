package io.lockstep.c2.api;

import io.lockstep.c2.fleet.NodeContact;
import io.lockstep.c2.mission.AgentState;
import io.lockstep.c2.mission.CancelState;
import io.lockstep.c2.mission.LifecycleState;
import io.lockstep.c2.mission.GeoPoint;
import io.lockstep.c2.mission.MissionRecord;
import io.lockstep.c2.mission.MissionSpec;
import io.lockstep.c2.mission.MissionStateDeriver;
import io.lockstep.c2.mission.NodeMissionStatus;
import io.lockstep.c2.mission.NodeShare;
import io.lockstep.c2.mission.cells.MissionCoverage;
import io.lockstep.c2.mission.cells.NodeCoverage;
import io.lockstep.proto.v1.MissionState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A mission as the REST API shows it: what was asked, the overall state, and every node's share. */
public record MissionView(String id, String name, MissionState state, Instant createdAt, Instant dispatchedAt,
        Instant abortedAt, String abortReason, MissionSpec spec, List<NodeShareView> nodes, MissionCoverage coverage) {

    /** One node's share and what the node last reported about it. */
    public record NodeShareView(String nodeId, int shareIndex, int shareCount, List<GeoPoint> assignedArea,
            String state, long tick, List<AgentState> agents, String fingerprint, String detail, Instant lastUpdate,
            RecoveryView recovery, NodeContact contact, String lifecycle, long statusVersion, CancelState cancel) {
    }

    /** Whether the node is starting the share over after a restart, what it reports, and since when. */
    public record RecoveryView(boolean recovering, String reportedState, Instant since) {
    }

    /**
     * @param contacts whether each node is in contact, and since when
     * @param coverage the nodes' coverage reports of a cell mission (empty for a mission without cells);
     *        shown as {@code coverage}, and a mission whose cells are all covered completes even when a
     *        node its peers saw lost never reports again
     */
    public static MissionView of(MissionRecord mission, Map<String, NodeMissionStatus> statuses,
            Function<String, NodeContact> contacts, Map<String, NodeCoverage> coverage) {
        List<NodeShareView> nodes = mission.shares().stream()
                .map(share -> share(share, statuses.get(share.nodeId()), contacts.apply(share.nodeId())))
                .toList();
        MissionCoverage cells = coverage.isEmpty() ? null : MissionCoverage.of(coverage);
        MissionState state = MissionStateDeriver.derive(mission, statuses.values());
        if (cells != null) {
            state = cells.adjust(state, statuses);
        }
        return new MissionView(mission.id(), mission.spec().name(), state, mission.createdAt(),
                mission.dispatchedAt(), mission.abortedAt(), mission.abortReason(), mission.spec(), nodes, cells);
    }

    private static NodeShareView share(NodeShare share, NodeMissionStatus status, NodeContact contact) {
        if (status == null) {
            return new NodeShareView(share.nodeId(), share.shareIndex(), share.shareCount(), share.assignedArea(),
                    "ASSIGNED", 0, List.of(), "", "", null, new RecoveryView(false, null, null), contact,
                    LifecycleState.SENT.name(), 0, null);
        }
        return new NodeShareView(share.nodeId(), share.shareIndex(), share.shareCount(), share.assignedArea(),
                status.state().name(), status.tick(), status.agents(), status.fingerprint(), status.detail(),
                status.updatedAt(), new RecoveryView(status.recovering(),
                        status.reportedState() == null ? null : status.reportedState().name(), status.recoveringSince()),
                contact, LifecycleState.of(status.state()).name(), status.statusVersion(), status.cancel());
    }
}
