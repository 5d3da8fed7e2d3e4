package io.lockstep.cli.bench.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's survey mission (survey agent plus hazard scout running the on-device hazard model, same
 * parameters, capabilities and tick period), over a field whose size the benchmark chooses so that a single
 * node finishes it in a bounded time. The field's south-west corner is the frame origin, inside the demo world.
 */
final class SurveyMission {
    /** The demo's frame origin: the demo world's local frame is anchored here. */
    static final double ORIGIN_LAT = 47.3769;
    static final double ORIGIN_LON = 8.5417;
    static final double EARTH_RADIUS_M = 6_371_008.8;
    static final int TICK_PERIOD_MS = 20;

    private SurveyMission() {
    }

    static Map<String, Object> json(double widthM, double heightM, String surveySha256, String scoutSha256,
            String modelSha256) {
        if (!(widthM > 0 && heightM > 0)) {
            throw new IllegalArgumentException("the field needs a positive size, got " + widthM + " x " + heightM);
        }
        Map<String, Object> mission = new LinkedHashMap<>();
        mission.put("name", "bench node survey");
        mission.put("type", "SURVEY");
        mission.put("priority", 5);
        mission.put("area", List.of(vertex(0, 0), vertex(widthM, 0), vertex(widthM, heightM), vertex(0, heightM)));
        mission.put("frameOrigin", Map.of("lat", ORIGIN_LAT, "lon", ORIGIN_LON));
        mission.put("agents", List.of(
                agent("survey", surveySha256, ordered("lane_spacing", "12", "speed", "6"),
                        List.of("sensor_read", "act_velocity", "emit"), List.of("swarm/progress/**"), List.of()),
                agent("hazard-scout", scoutSha256, ordered("every", "10", "threshold", "0.5", "ticks", "600"),
                        List.of("sensor_read", "infer", "emit"), List.of("swarm/hazard/**"), List.of("hazard"))));
        mission.put("models", List.of(Map.of("name", "hazard", "sha256", modelSha256)));
        mission.put("limits", Map.of("tickPeriodMs", TICK_PERIOD_MS, "fuelPerTick", 5_000_000));
        mission.put("linkLossPolicy", "CONTINUE");
        mission.put("linkLossTimeoutMs", 5000);
        return mission;
    }

    /** WGS84 position of a point of the local frame (east, north metres), equirectangular as the node converts. */
    static Map<String, Object> vertex(double eastM, double northM) {
        double lat = ORIGIN_LAT + Math.toDegrees(northM / EARTH_RADIUS_M);
        double lon = ORIGIN_LON + Math.toDegrees(eastM / (EARTH_RADIUS_M * Math.cos(Math.toRadians(ORIGIN_LAT))));
        return Map.of("lat", lat, "lon", lon);
    }

    private static Map<String, Object> agent(String name, String sha256, Map<String, String> parameters,
            List<String> hostFunctions, List<String> emitTopics, List<String> models) {
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("hostFunctions", hostFunctions);
        capabilities.put("emitTopics", emitTopics);
        capabilities.put("models", models);
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("name", name);
        agent.put("module", sha256);
        agent.put("parameters", parameters);
        agent.put("capabilities", capabilities);
        return agent;
    }

    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
