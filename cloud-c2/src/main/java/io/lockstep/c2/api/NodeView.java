package io.lockstep.c2.api;

import io.lockstep.c2.fleet.EmergencyStopState;
import io.lockstep.c2.fleet.NodeRecord;
import io.lockstep.c2.fleet.TelemetrySample;
import java.time.Instant;

/** A node as the REST API shows it, including whether its link is up right now. */
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
