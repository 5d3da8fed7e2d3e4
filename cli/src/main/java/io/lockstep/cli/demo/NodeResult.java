package io.lockstep.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.cli.fleet.EdgeNodeProcess;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one node did in the demo, from C2's view (state, ticks) and the node's own debug port (journal,
 * fingerprint, supervisor interventions, inference calls), plus the verdict of replaying its journal.
 */
record NodeResult(String id, String status, long ticks, String journal, String fingerprint,
        Map<String, Long> interventions, long inferenceCalls, JournalVerdict replay) {

    static NodeResult collect(EdgeNodeProcess node, JsonNode missionView) {
        JsonNode fromC2 = MissionStates.node(missionView, node.id());
        JsonNode debug = node.debug().status();
        Map<String, Long> interventions = new TreeMap<>();
        debug.path("interventions").fields()
                .forEachRemaining(e -> interventions.put(e.getKey(), e.getValue().asLong()));
        String journal = debug.path("journal").asText("");
        return new NodeResult(node.id(), fromC2.path("state").asText("UNKNOWN"), fromC2.path("tick").asLong(),
                journal, debug.path("fingerprint").asText(""), interventions,
                debug.path("inferenceCalls").asLong(), JournalVerdict.of(journal));
    }

    boolean succeeded() {
        return "COMPLETED".equals(status) && replay.ok();
    }
}
