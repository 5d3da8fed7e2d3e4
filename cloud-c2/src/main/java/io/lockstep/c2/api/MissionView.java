package io.lockstep.c2.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
@Schema(example = "{\"id\": \"5df9ebf8-ac56-4a9a-a594-dfb23734d1e3\", \"name\": \"survey north field\", \"state\": \"IN_PROGRESS\", \"createdAt\": \"2026-12-02T12:11:48.818785868Z\", \"dispatchedAt\": \"2026-12-02T12:12:25.372050395Z\", \"abortedAt\": null, \"abortReason\": null, \"spec\": {\"name\": \"survey north field\", \"type\": \"SURVEY\", \"priority\": 5, \"area\": [{\"lat\": 47.0, \"lon\": 8.0}, {\"lat\": 47.0, \"lon\": 8.0008}, {\"lat\": 47.0005, \"lon\": 8.0008}, {\"lat\": 47.0005, \"lon\": 8.0}], \"frameOrigin\": null, \"agents\": [{\"name\": \"surveyor\", \"module\": \"e2e5b1eafa29e5e2f2d12752dec9e9ea3a3ddf4ee95cabedcee33fc629d8f85e\", \"parameters\": {\"lane_spacing\": \"20\", \"speed\": \"8\", \"ticks\": \"100000\"}, \"capabilities\": {\"hostFunctions\": [\"sensor_read\", \"act_velocity\", \"emit\"], \"emitTopics\": [\"swarm/progress/**\", \"swarm/covered/**\"], \"subscribeTopics\": [\"lockstep/event/swarm.cells\"], \"models\": []}}], \"models\": [], \"deadline\": null, \"limits\": {\"tickPeriodMs\": 200, \"fuelPerTick\": null, \"maxMemoryPages\": null, \"maxTicks\": 3000}, \"linkLossPolicy\": null, \"linkLossTimeoutMs\": null, \"approval\": null, \"requirements\": null, \"carryingPayload\": null}, \"nodes\": [{\"nodeId\": \"node-1\", \"shareIndex\": 0, \"shareCount\": 1, \"assignedArea\": [{\"lat\": 47.0, \"lon\": 8.0}, {\"lat\": 47.0, \"lon\": 8.0008}, {\"lat\": 47.0005, \"lon\": 8.0008}, {\"lat\": 47.0005, \"lon\": 8.0}], \"state\": \"RUNNING\", \"tick\": 29, \"agents\": [{\"name\": \"surveyor\", \"state\": \"RUNNING\", \"fuelUsed\": 1212, \"fault\": \"\", \"progressPermille\": 0}], \"fingerprint\": \"33b7a4de1ae3f9755f887cff209f00c0c9061d3b4f3e3385b6e8efa54b49576f\", \"detail\": \"\", \"lastUpdate\": \"2026-12-02T12:12:36.168257044Z\", \"recovery\": {\"recovering\": false, \"reportedState\": null, \"since\": null}, \"contact\": {\"state\": \"IN_CONTACT\", \"since\": null}, \"lifecycle\": \"EXECUTING\", \"statusVersion\": 6, \"cancel\": null}], \"coverage\": {\"cellsTotal\": 12, \"cellsCovered\": 3, \"coveragePercent\": 25.0, \"reallocatedCells\": [], \"lostNodes\": [], \"divergences\": [], \"nodes\": {\"node-1\": {\"nodeId\": \"node-1\", \"planVersion\": 1, \"cellsTotal\": 12, \"cellsOwned\": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], \"cellsDone\": [0, 1, 2], \"cellsCovered\": 3, \"lostNodes\": [], \"reallocatedCells\": [], \"digest\": \"ad1031972f2ad67a2d30e9b0f2908693\", \"divergence\": \"\", \"updatedAt\": \"2026-12-02T12:12:36.168257044Z\"}}}}")
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
