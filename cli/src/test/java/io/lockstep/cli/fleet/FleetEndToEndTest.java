package io.lockstep.cli.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.agents.ExampleAgents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * C2 and a real edge node, each in its own JVM, over the real gRPC link and a real Redis server: a
 * mission goes from the REST API to a Wasm agent on the node and its completion comes back. C2 runs with its
 * approval gate on (the default): each mission is simulated and approved before it is dispatched.
 */
class FleetEndToEndTest {

    @RegisterExtension
    final LocalFleet fleets = new LocalFleet();

    @TempDir
    Path out;

    @Test
    void missionCompletesOnARealNodeOverMutualTls() {
        Fleet fleet = fleets.start(out, 1, true);
        C2Api c2 = fleet.c2().api();

        String missionId = c2.createMission(helloMission(c2.uploadModule(ExampleAgents.bytes("hello")), 25));
        JsonNode simulation = simulateAndApprove(c2, missionId);
        // the node completes a hello mission when its agent has run its ticks, and so does the simulation
        assertEquals(25, simulation.path("outcome").path("ticks").asLong(), simulation.toPrettyString());
        assertEquals(false, simulation.path("outcome").path("cellsRequired").asBoolean());
        c2.dispatch(missionId, fleet.nodeIds());

        JsonNode done = awaitTerminal(c2, missionId, Duration.ofSeconds(90));
        assertEquals("MISSION_COMPLETED", done.path("state").asText(), done.toPrettyString());
        JsonNode node = done.path("nodes").get(0);
        assertEquals("node-1", node.path("nodeId").asText());
        assertEquals("COMPLETED", node.path("state").asText());
        assertTrue(node.path("tick").asLong() >= 25, "the agent ran its ticks: " + node);
    }

    @Test
    void nodeReconnectsAfterC2RestartAndFinishesTheMission() {
        Fleet fleet = fleets.start(out, 1, false);
        C2Api c2 = fleet.c2().api();
        // About 12 s of ticking at 20 ms: long enough to restart C2 in the middle.
        String missionId = c2.createMission(helloMission(c2.uploadModule(ExampleAgents.bytes("hello")), 600));
        simulateAndApprove(c2, missionId);
        c2.dispatch(missionId, fleet.nodeIds());
        awaitNodeState(c2, missionId, "RUNNING", Duration.ofSeconds(60));

        fleet.c2().restart(true, Duration.ofSeconds(120));

        JsonNode done = awaitTerminal(fleet.c2().api(), missionId, Duration.ofSeconds(120));
        assertEquals("MISSION_COMPLETED", done.path("state").asText(), done.toPrettyString());
        assertEquals("COMPLETED", done.path("nodes").get(0).path("state").asText());
    }

    /** Simulation first, as a commander does it: simulate on the one node, check it succeeded, approve it. */
    static JsonNode simulateAndApprove(C2Api c2, String missionId) {
        String simulationId = c2.startSimulation(missionId, 1).path("id").asText();
        JsonNode simulation = c2.awaitSimulation(missionId, simulationId, Duration.ofSeconds(120), view -> { });
        assertEquals("SUCCEEDED", simulation.path("state").asText(), simulation.toPrettyString());
        JsonNode approval = c2.approve(missionId, simulationId, simulation.path("missionDigest").asText());
        assertTrue(approval.path("dispatchable").asBoolean(), approval.toPrettyString());
        return simulation;
    }

    static Map<String, Object> helloMission(String moduleSha256, int ticks) {
        Map<String, Object> mission = new LinkedHashMap<>();
        mission.put("name", "hello");
        mission.put("type", "PATROL");
        mission.put("priority", 3);
        mission.put("area", List.of(Map.of("lat", 47.0, "lon", 8.0), Map.of("lat", 47.0, "lon", 8.001),
                Map.of("lat", 47.001, "lon", 8.001)));
        mission.put("agents", List.of(Map.of("name", "hello", "module", moduleSha256,
                "parameters", Map.of("ticks", Integer.toString(ticks)),
                "capabilities", Map.of("hostFunctions", List.of()))));
        mission.put("limits", Map.of("tickPeriodMs", 20));
        return mission;
    }

    static JsonNode awaitTerminal(C2Api c2, String missionId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode mission = c2.mission(missionId);
        while (System.nanoTime() < deadline) {
            mission = c2.mission(missionId);
            String state = mission.path("state").asText();
            if (state.equals("MISSION_COMPLETED") || state.equals("MISSION_FAILED") || state.equals("MISSION_ABORTED")) {
                return mission;
            }
            ManagedProcess.sleep(250);
        }
        throw new AssertionError("mission did not finish within " + timeout + ": " + mission.toPrettyString());
    }

    static void awaitNodeState(C2Api c2, String missionId, String state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode mission = c2.mission(missionId);
        while (System.nanoTime() < deadline) {
            mission = c2.mission(missionId);
            if (state.equals(mission.path("nodes").path(0).path("state").asText())) {
                return;
            }
            ManagedProcess.sleep(100);
        }
        throw new AssertionError("node never reached " + state + ": " + mission.toPrettyString());
    }
}
