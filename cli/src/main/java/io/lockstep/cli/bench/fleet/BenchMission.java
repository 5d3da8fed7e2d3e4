package io.lockstep.cli.bench.fleet;

import io.lockstep.cli.demo.DemoMission;
import io.lockstep.cli.demo.LocalFrame;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mission {@code bench fleet} dispatches: the survey agent over a small field at the demo's origin. Small
 * so its simulation (the approval gate: simulate, then approve those exact bytes) takes seconds; the
 * benchmark measures the dispatch to every node, not the flight.
 */
final class BenchMission {
    static final double WIDTH_M = 40;
    static final double HEIGHT_M = 20;

    private BenchMission() {
    }

    static Map<String, Object> json(String surveySha256) {
        LocalFrame frame = DemoMission.FRAME;
        Map<String, Object> mission = new LinkedHashMap<>();
        mission.put("name", "bench fleet survey");
        mission.put("type", "SURVEY");
        mission.put("priority", 5);
        mission.put("area", List.of(vertex(frame, 0, 0), vertex(frame, WIDTH_M, 0), vertex(frame, WIDTH_M, HEIGHT_M),
                vertex(frame, 0, HEIGHT_M)));
        mission.put("frameOrigin", Map.of("lat", frame.originLat(), "lon", frame.originLon()));
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("hostFunctions", List.of("sensor_read", "act_velocity", "emit"));
        capabilities.put("emitTopics", List.of("swarm/progress/**", "swarm/covered/**"));
        capabilities.put("models", List.of());
        capabilities.put("subscribeTopics", List.of("lockstep/event/swarm.cells"));
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("name", "survey");
        agent.put("module", surveySha256);
        agent.put("parameters", Map.of("lane_spacing", "20", "speed", "8"));
        agent.put("capabilities", capabilities);
        mission.put("agents", List.of(agent));
        mission.put("limits", Map.of("tickPeriodMs", DemoMission.TICK_PERIOD_MS, "fuelPerTick", 5_000_000));
        mission.put("linkLossPolicy", "CONTINUE");
        mission.put("linkLossTimeoutMs", 5000);
        return mission;
    }

    private static Map<String, Object> vertex(LocalFrame frame, double eastM, double northM) {
        return Map.of("lat", frame.latitudeOf(northM), "lon", frame.longitudeOf(eastM));
    }
}
