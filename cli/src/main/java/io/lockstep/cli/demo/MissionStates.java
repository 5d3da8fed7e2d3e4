package io.lockstep.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** Reading mission and node states out of C2's mission view ({@code GET /api/v1/missions/{id}}). */
final class MissionStates {
    private static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "ABORTED");

    private MissionStates() {
    }

    /** The overall state without the enum's prefix: COMPLETED, FAILED, ABORTED, IN_PROGRESS, ... */
    static String overall(JsonNode mission) {
        return mission.path("state").asText("UNKNOWN").replaceFirst("^MISSION_", "");
    }

    static boolean isTerminal(JsonNode mission) {
        return TERMINAL.contains(overall(mission));
    }

    /** This node's entry in the mission view, or a missing node. */
    static JsonNode node(JsonNode mission, String nodeId) {
        for (JsonNode node : mission.path("nodes")) {
            if (nodeId.equals(node.path("nodeId").asText())) {
                return node;
            }
        }
        return mission.path("nodes").path(nodeId);
    }
}
