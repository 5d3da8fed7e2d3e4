package io.lockstep.c2.api;

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

    public record EmergencyStopView(boolean engaged, String reason) {
    }

    public static NodeView of(NodeRecord node, boolean connected) {
        return new NodeView(node.nodeId(), connected ? LinkState.CONNECTED : LinkState.DISCONNECTED,
                node.softwareVersion(), node.abiVersion(), node.capabilities(), node.firstSeenAt(), node.lastHelloAt(),
                node.lastSeenAt(), node.lastHeartbeatAt(), node.currentMissionId(), node.currentTick(),
                node.currentState(), new EmergencyStopView(node.emergencyStopEngaged(),
                        node.emergencyStopReason() == null ? "" : node.emergencyStopReason()),
                node.telemetry());
    }
}
