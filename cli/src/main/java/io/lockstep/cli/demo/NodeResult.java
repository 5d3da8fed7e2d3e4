package io.lockstep.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.cli.fleet.EdgeNodeProcess;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one node did in the demo, from C2's view (state, ticks) and the node's own debug port (journal,
 * fingerprint, supervisor interventions, inference calls), plus the verdict of replaying its journal.
 */
record NodeResult(String id, String status, long ticks, String journal, String fingerprint,
        Map<String, Long> interventions, long inferenceCalls, JournalVerdict replay, boolean killed, int cellsDone) {

    static NodeResult collect(EdgeNodeProcess node, JsonNode missionView) {
        JsonNode fromC2 = MissionStates.node(missionView, node.id());
        JsonNode debug = node.debug().status();
        Map<String, Long> interventions = new TreeMap<>();
        debug.path("interventions").fields()
                .forEachRemaining(e -> interventions.put(e.getKey(), e.getValue().asLong()));
        String journal = debug.path("journal").asText("");
        return new NodeResult(node.id(), fromC2.path("state").asText("UNKNOWN"), fromC2.path("tick").asLong(),
                journal, debug.path("fingerprint").asText(""), interventions,
                debug.path("inferenceCalls").asLong(), JournalVerdict.of(journal), false, cellsDone(missionView, node));
    }

    /** A node the demo killed: what C2 last heard from it; its debug port and journal are not consulted. */
    static NodeResult killed(EdgeNodeProcess node, JsonNode missionView) {
        JsonNode fromC2 = MissionStates.node(missionView, node.id());
        return new NodeResult(node.id(), "KILLED", fromC2.path("tick").asLong(), "", fromC2.path("fingerprint")
                .asText(""), Map.of(), 0, new JournalVerdict(true, "not replayed: the node was killed"), true,
                cellsDone(missionView, node));
    }

    private static int cellsDone(JsonNode missionView, EdgeNodeProcess node) {
        return missionView.path("coverage").path("nodes").path(node.id()).path("cellsDone").size();
    }

    /** Empty when it holds: a killed node needs nothing; every other node completed and its journal replays. */
    Optional<String> problem() {
        if (killed) {
            return Optional.empty();
        }
        if (!"COMPLETED".equals(status)) {
            return Optional.of(id + " ended " + status + " at tick " + ticks);
        }
        return replay.ok() ? Optional.empty() : Optional.of(id + "'s journal did not replay here: " + replay.detail());
    }
}
