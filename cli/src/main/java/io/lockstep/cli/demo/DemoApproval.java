package io.lockstep.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.cli.fleet.C2Api;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * What a commander does between creating a mission and dispatching it (docs/mission-approval.md): simulate
 * it on as many simulated nodes as will fly it, read the prediction, approve exactly those mission bytes.
 */
final class DemoApproval {

    private static final Duration SIMULATION_TIMEOUT = Duration.ofMinutes(5);

    private DemoApproval() {
    }

    /** Simulates and approves the mission; returns the prediction. Throws when the simulation failed. */
    static DemoSimulation simulateAndApprove(C2Api c2, String missionId, int nodes, PrintStream console) {
        console.println("  simulating mission " + missionId + " on " + nodes + " simulated nodes in the fleet simulator");
        String simulationId = c2.startSimulation(missionId, nodes).path("id").asText();
        int[] lastShown = {-1};
        JsonNode sim = c2.awaitSimulation(missionId, simulationId, SIMULATION_TIMEOUT, view -> {
            int percent = view.path("progressPermille").asInt() / 10;
            if (percent / 25 > lastShown[0] / 25 && !view.path("state").asText().equals("SUCCEEDED")) {
                lastShown[0] = percent;
                console.println("    simulation " + view.path("state").asText().toLowerCase(Locale.ROOT) + " "
                        + percent + "%");
            }
        });
        JsonNode outcome = sim.path("outcome");
        if (!"SUCCEEDED".equals(sim.path("state").asText())) {
            throw new IllegalStateException("the simulation of mission " + missionId + " failed: "
                    + sim.path("error").asText());
        }
        console.printf(Locale.ROOT, "  predicted: %.1f s, %.1f%% of %d cells, interventions %s, fuel %s%n",
                outcome.path("predictedDurationMs").asLong() / 1000.0, outcome.path("coveragePercent").asDouble(),
                outcome.path("cellsTotal").asInt(), outcome.path("interventions"), outcome.path("fuelByAgent"));
        JsonNode approval = c2.approve(missionId, simulationId, sim.path("missionDigest").asText());
        console.println("  approved simulation " + simulationId + " of mission bytes "
                + sim.path("missionDigest").asText().substring(0, 16) + "… (dispatchable: "
                + approval.path("dispatchable").asBoolean() + ")");
        return new DemoSimulation(simulationId, sim.path("missionDigest").asText(), outcome.path("ticks").asLong(),
                outcome.path("predictedDurationMs").asLong(), outcome.path("coveragePercent").asDouble(),
                outcome.path("cellsTotal").asInt(), outcome.path("interventions"), outcome.path("fuelByAgent"));
    }
}
