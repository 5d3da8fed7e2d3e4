package io.lockstep.swarm.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockstep.platform.sim.InvalidWorldException;
import io.lockstep.platform.sim.WorldFile;
import io.lockstep.swarm.cells.PointE7;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a simulator mission file:
 * <pre>
 * {"missionId": "field-7",
 *  "area": [{"latE7": 473977000, "lonE7": 85456000}, ...],
 *  "origin": {"latE7": ..., "lonE7": ...},         optional, default the first vertex
 *  "cellSizeM": 20, "tickPeriodMs": 200, "speedMps": 8, "maxTicks": 3000,   optional, these defaults
 *  "world": "world.json"}                          optional, relative to the mission file
 * </pre>
 */
public final class SimMissionFile {

    private static final long MAX_BYTES = 1 << 20;

    private SimMissionFile() {
    }

    public static SimMission load(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + " is larger than 1 MiB");
        }
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        try {
            return parse(root, file.toAbsolutePath().getParent());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    static SimMission parse(JsonNode root, Path baseDir) throws IOException {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a mission file is a JSON object");
        }
        String id = text(root, "missionId", "sim-mission");
        JsonNode areaNode = root.get("area");
        if (areaNode == null || !areaNode.isArray() || areaNode.size() < 3) {
            throw new IllegalArgumentException("\"area\" must list at least 3 {latE7, lonE7} vertices");
        }
        List<PointE7> area = new ArrayList<>();
        for (JsonNode v : areaNode) {
            area.add(point(v));
        }
        PointE7 origin = root.has("origin") ? point(root.get("origin")) : area.get(0);
        Optional<io.lockstep.platform.sim.World> world = Optional.empty();
        if (root.hasNonNull("world")) {
            try {
                world = Optional.of(WorldFile.load(baseDir.resolve(root.get("world").asText())));
            } catch (InvalidWorldException e) {
                throw new IOException("world: " + e.getMessage(), e);
            }
        }
        return new SimMission(id, origin, area, number(root, "cellSizeM", 20), (int) number(root, "tickPeriodMs", 200),
                number(root, "speedMps", 8), (int) number(root, "maxTicks", 3000), world);
    }

    private static PointE7 point(JsonNode v) {
        if (v == null || !v.isObject() || !v.path("latE7").isIntegralNumber() || !v.path("lonE7").isIntegralNumber()) {
            throw new IllegalArgumentException("a point is {\"latE7\": int, \"lonE7\": int}");
        }
        return new PointE7(v.get("latE7").intValue(), v.get("lonE7").intValue());
    }

    private static String text(JsonNode root, String field, String fallback) {
        JsonNode n = root.get(field);
        if (n == null) {
            return fallback;
        }
        if (!n.isTextual() || n.asText().isEmpty() || n.asText().length() > 128) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string of 1..128 characters");
        }
        return n.asText();
    }

    private static double number(JsonNode root, String field, double fallback) {
        JsonNode n = root.get(field);
        if (n == null) {
            return fallback;
        }
        if (!n.isNumber()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a number");
        }
        return n.asDouble();
    }
}
