package io.lockstep.c2.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.lockstep.c2.fleet.EmergencyStopState;
import io.lockstep.c2.fleet.NodeRecord;
import io.lockstep.c2.fleet.TelemetrySample;
import java.time.Instant;

/** A node as the REST API shows it, including whether its link is up right now. */
@Schema(example = "{\"nodeId\": \"node-1\", \"linkState\": \"CONNECTED\", \"softwareVersion\": \"0.1.0\", \"abiVersion\": 1, \"capabilities\": {\"hostFunctions\": [\"log\", \"rand_u64\", \"progress\", \"area_vertices\", \"kv_get\", \"kv_put\", \"sensor_read\", \"act_velocity\", \"emit\", \"infer\"], \"models\": [], \"gpu\": false, \"maxAgents\": 64, \"vehicleKind\": \"simulated\", \"agentMemoryBudgetBytes\": 1580204032}, \"firstSeenAt\": \"2026-12-02T12:12:08.910384591Z\", \"lastHelloAt\": \"2026-12-02T12:12:08.910384591Z\", \"lastSeenAt\": \"2026-12-02T12:12:38.789Z\", \"lastHeartbeatAt\": \"2026-12-02T12:12:38.225124076Z\", \"currentMissionId\": \"5df9ebf8-ac56-4a9a-a594-dfb23734d1e3\", \"currentTick\": 39, \"currentState\": \"RUNNING\", \"emergencyStop\": {\"engaged\": false, \"reason\": \"\", \"state\": \"NONE\", \"requested\": {\"engaged\": false, \"reason\": \"\", \"commandSeq\": 0, \"at\": null}, \"confirmedCommandSeq\": 0, \"confirmedAt\": null, \"error\": \"\", \"nodeLatch\": {\"latched\": false, \"detail\": \"\", \"reportedAt\": \"2026-12-02T12:12:38.225124076Z\"}}, \"telemetry\": {\"missionId\": \"5df9ebf8-ac56-4a9a-a594-dfb23734d1e3\", \"tick\": 42, \"xM\": 6.5223857460804355, \"yM\": 10.586170658444752, \"vxMps\": 5.457644601802597, \"vyMps\": -0.20459851769810025, \"batteryFraction\": 0.9850719639339849, \"receivedAt\": \"2026-12-02T12:12:38.789Z\"}}")
public record NodeView(String nodeId, LinkState linkState, String softwareVersion, int abiVersion,
        NodeRecord.Capabilities capabilities, Instant firstSeenAt, Instant lastHelloAt, Instant lastSeenAt,
        Instant lastHeartbeatAt, String currentMissionId, long currentTick, String currentState,
        EmergencyStopView emergencyStop, TelemetrySample telemetry) {

    public enum LinkState {
        CONNECTED,
        DISCONNECTED
    }

    /**
     * {@code engaged}/{@code reason}: the latch the node confirmed (acknowledged). {@code requested}: the
     * last e-stop command C2 sent. {@code state} says whether the two agree yet (see docs/c2.md).
     * {@code nodeLatch}: the latch the node reports in its heartbeats, whoever engaged it (a mesh peer's fleet
     * stop included); null until the node reported one.
     */
    public record EmergencyStopView(boolean engaged, String reason, EmergencyStopState.Sync state,
            Requested requested, long confirmedCommandSeq, Instant confirmedAt, String error,
            EmergencyStopState.NodeLatch nodeLatch) {

        static EmergencyStopView of(EmergencyStopState stop) {
            EmergencyStopState.Sync sync = stop.sync();
            return new EmergencyStopView(stop.confirmedEngaged(), stop.confirmedReason(), sync,
                    new Requested(stop.requestedEngaged(), stop.requestedReason(), stop.requestedCommandSeq(),
                            stop.requestedAt()),
                    stop.confirmedCommandSeq(), stop.confirmedAt(),
                    sync == EmergencyStopState.Sync.REFUSED ? stop.refusal() : "", stop.nodeLatch());
        }
    }

    public record Requested(boolean engaged, String reason, long commandSeq, Instant at) {
    }

    public static NodeView of(NodeRecord node, boolean connected) {
        return new NodeView(node.nodeId(), connected ? LinkState.CONNECTED : LinkState.DISCONNECTED,
                node.softwareVersion(), node.abiVersion(), node.capabilities(), node.firstSeenAt(), node.lastHelloAt(),
                node.lastSeenAt(), node.lastHeartbeatAt(), node.currentMissionId(), node.currentTick(),
                node.currentState(), EmergencyStopView.of(node.emergencyStop()), node.telemetry());
    }
}
