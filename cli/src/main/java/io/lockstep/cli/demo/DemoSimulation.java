package io.lockstep.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The simulator's prediction for the demo mission, set against what the fleet then did (summary.json). */
record DemoSimulation(String simulationId, String missionDigest, long predictedTicks, long predictedDurationMs,
        double predictedCoveragePercent, int cellsTotal, JsonNode interventions, JsonNode fuelByAgent) {

    Map<String, Object> json(long actualDurationMs, double actualCoveragePercent) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("simulation_id", simulationId);
        json.put("mission_digest", missionDigest);
        json.put("predicted_ticks", predictedTicks);
        json.put("predicted_duration_ms", predictedDurationMs);
        json.put("actual_duration_ms", actualDurationMs);
        json.put("predicted_coverage_percent", predictedCoveragePercent);
        json.put("actual_coverage_percent", actualCoveragePercent);
        json.put("predicted_interventions", interventions);
        json.put("predicted_fuel_by_agent", fuelByAgent);
        return json;
    }
}
