package io.lockstep.cli.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mission the demo flies (and {@code bench node} measures): a survey of a field whose south-west corner
 * is the demo world's origin (120 m x 60 m in the demo, cut by C2 into 20 m cells the nodes share among themselves), with a hazard scout
 * running the on-device hazard model next to the survey agent. The field lies inside the demo world file,
 * whose obstacles and hazard zone make the safety supervisor and the model act.
 */
public final class DemoMission {
    public static final LocalFrame FRAME = new LocalFrame(47.3769, 8.5417);
    public static final double WIDTH_M = 120;
    public static final double HEIGHT_M = 60;
    public static final int TICK_PERIOD_MS = 20;

    private DemoMission() {
    }

    /** The mission's JSON for {@code POST /api/v1/missions}, over a field of the given size in metres. */
    public static Map<String, Object> json(double widthM, double heightM, String surveySha256, String scoutSha256,
            String modelSha256) {
        if (!(widthM > 0 && heightM > 0)) {
            throw new IllegalArgumentException("the field needs a positive size, got " + widthM + " x " + heightM);
        }
        Map<String, Object> mission = new LinkedHashMap<>();
        mission.put("name", "demo field survey");
        mission.put("type", "SURVEY");
        mission.put("priority", 5);
        mission.put("area", List.of(
                vertex(0, 0), vertex(widthM, 0), vertex(widthM, heightM), vertex(0, heightM)));
        mission.put("frameOrigin", Map.of("lat", FRAME.originLat(), "lon", FRAME.originLon()));
        mission.put("agents", List.of(
                agent("survey", surveySha256, ordered("lane_spacing", "20", "speed", "8"),
                        capabilities(List.of("sensor_read", "act_velocity", "emit"),
                                List.of("swarm/progress/**", "swarm/covered/**"), List.of(),
                                List.of("lockstep/event/swarm.cells"))),
                agent("hazard-scout", scoutSha256, ordered("every", "10", "threshold", "0.5", "ticks", "600"),
                        capabilities(List.of("sensor_read", "infer", "emit"), List.of("swarm/hazard/**"),
                                List.of("hazard"), List.of()))));
        mission.put("models", List.of(Map.of("name", "hazard", "sha256", modelSha256)));
        mission.put("limits", Map.of("tickPeriodMs", TICK_PERIOD_MS, "fuelPerTick", 5_000_000));
        mission.put("linkLossPolicy", "CONTINUE");
        mission.put("linkLossTimeoutMs", 5000);
        return mission;
    }

    private static Map<String, Object> vertex(double eastM, double northM) {
        return Map.of("lat", FRAME.latitudeOf(northM), "lon", FRAME.longitudeOf(eastM));
    }

    private static Map<String, Object> agent(String name, String sha256, Map<String, String> parameters,
            Map<String, Object> capabilities) {
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("name", name);
        agent.put("module", sha256);
        agent.put("parameters", parameters);
        agent.put("capabilities", capabilities);
        return agent;
    }

    private static Map<String, Object> capabilities(List<String> hostFunctions, List<String> emitTopics,
            List<String> models, List<String> subscribeTopics) {
        Map<String, Object> grant = new LinkedHashMap<>();
        grant.put("hostFunctions", hostFunctions);
        grant.put("emitTopics", emitTopics);
        grant.put("models", models);
        grant.put("subscribeTopics", subscribeTopics);
        return grant;
    }

    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
