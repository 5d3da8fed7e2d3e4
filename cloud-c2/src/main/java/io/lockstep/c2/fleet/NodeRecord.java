package io.lockstep.c2.fleet;

import java.time.Instant;
import java.util.List;

/** What C2 knows about a node, as stored in Redis. */
public record NodeRecord(String nodeId, String softwareVersion, int abiVersion, Capabilities capabilities,
        Instant firstSeenAt, Instant lastHelloAt, Instant lastSeenAt, Instant lastHeartbeatAt,
        String currentMissionId, long currentTick, String currentState, EmergencyStopState emergencyStop,
        TelemetrySample telemetry) {

    /**
     * What the node said it can do in its Hello.
     *
     * @param agentMemoryBudgetBytes linear memory the node admits for one mission's agents; 0 when the node
     *                               did not advertise one (older nodes)
     */
    public record Capabilities(List<String> hostFunctions, List<String> models, boolean gpu, int maxAgents,
            String vehicleKind, long agentMemoryBudgetBytes) {
    }
}
