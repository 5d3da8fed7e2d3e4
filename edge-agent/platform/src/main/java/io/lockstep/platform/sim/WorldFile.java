package io.lockstep.platform.sim;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lockstep.platform.geometry.AxisAlignedRectangle;
import io.lockstep.platform.geometry.Circle;
import io.lockstep.platform.geometry.Polygon;
import io.lockstep.platform.geometry.Shape;
import io.lockstep.platform.geometry.Vec2;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads and validates world files (JSON). The format, documented in docs/vehicle-and-safety.md:
 * <pre>{@code
 * {
 *   "name": "demo-field",
 *   "bounds": {"min": {"x": -40, "y": -30}, "max": {"x": 160, "y": 90}},
 *   "base": {"x": -10, "y": -10},
 *   "obstacles": [
 *     {"id": "silo", "shape": {"type": "circle", "center": {"x": 60, "y": 30}, "radius": 3}},
 *     {"id": "barn", "shape": {"type": "rectangle", "min": {"x": 0, "y": 0}, "max": {"x": 5, "y": 4}}},
 *     {"id": "rocks", "shape": {"type": "polygon", "vertices": [{"x": 0, "y": 0}, {"x": 4, "y": 0}, {"x": 2, "y": 3}]}}
 *   ],
 *   "hazardZones": [
 *     {"id": "smoke", "shape": {"type": "circle", "center": {"x": 20, "y": 40}, "radius": 10}, "visibilityM": 6}
 *   ]
 * }
 * }</pre>
 * Every problem is reported as an {@link InvalidWorldException} whose message starts with the JSON path.
 */
public final class WorldFile {

    /** The demo world shipped on the classpath. */
    public static final String DEMO_WORLD_RESOURCE = "/worlds/demo-world.json";

    public static final int MAX_FILE_BYTES = 1 << 20;
    public static final int MAX_OBSTACLES = 1000;
    public static final int MAX_HAZARD_ZONES = 100;
    public static final int MAX_ID_LENGTH = 64;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private WorldFile() {
    }

    /** Loads the demo world from the classpath. */
    public static World demo() {
        try {
            return loadResource(DEMO_WORLD_RESOURCE);
        } catch (InvalidWorldException e) {
            throw new IllegalStateException("the bundled demo world is invalid", e);
        }
    }

    public static World load(Path file) throws InvalidWorldException {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new InvalidWorldException(file + ": larger than " + MAX_FILE_BYTES + " bytes");
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidWorldException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    public static World loadResource(String resource) throws InvalidWorldException {
        try (InputStream in = WorldFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new InvalidWorldException(resource + ": no such resource on the classpath");
            }
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new InvalidWorldException(resource + ": larger than " + MAX_FILE_BYTES + " bytes");
            }
            return parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidWorldException(resource + ": cannot be read: " + e.getMessage(), e);
        }
    }

    public static World parse(String json) throws InvalidWorldException {
        if (json.length() > MAX_FILE_BYTES) {
            throw new InvalidWorldException("world file: larger than " + MAX_FILE_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidWorldException("world file is not valid JSON: " + e.getOriginalMessage()
                    + locationOf(e), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidWorldException("world file is empty");
        }
        return readWorld(root);
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static World readWorld(JsonNode root) throws InvalidWorldException {
        requireObject(root, "$", Set.of("name", "bounds", "base", "obstacles", "hazardZones"));
        String name = root.has("name") ? readText(root.get("name"), "$.name") : "world";
        JsonNode boundsNode = required(root, "bounds", "$");
        requireObject(boundsNode, "$.bounds", Set.of("min", "max"));
        AxisAlignedRectangle bounds = readRectangle(boundsNode, "$.bounds");
        Vec2 base = readPoint(required(root, "base", "$"), "$.base");
        if (!bounds.contains(base)) {
            throw new InvalidWorldException("$.base: " + base + " is outside the bounds");
        }
        Set<String> ids = new HashSet<>();
        List<Obstacle> obstacles = new ArrayList<>();
        JsonNode obstacleNodes = optionalArray(root, "obstacles", MAX_OBSTACLES);
        for (int i = 0; i < obstacleNodes.size(); i++) {
            String path = "$.obstacles[" + i + "]";
            JsonNode node = obstacleNodes.get(i);
            requireObject(node, path, Set.of("id", "shape"));
            String id = readId(required(node, "id", path), path + ".id", ids);
            Shape shape = readShape(required(node, "shape", path), path + ".shape", bounds);
            if (shape.contains(base)) {
                throw new InvalidWorldException(path + ": obstacle '" + id + "' covers the base " + base);
            }
            obstacles.add(new Obstacle(id, shape));
        }
        List<HazardZone> zones = new ArrayList<>();
        JsonNode zoneNodes = optionalArray(root, "hazardZones", MAX_HAZARD_ZONES);
        for (int i = 0; i < zoneNodes.size(); i++) {
            String path = "$.hazardZones[" + i + "]";
            JsonNode node = zoneNodes.get(i);
            requireObject(node, path, Set.of("id", "shape", "visibilityM"));
            String id = readId(required(node, "id", path), path + ".id", ids);
            Shape shape = readShape(required(node, "shape", path), path + ".shape", bounds);
            double visibility = readNumber(required(node, "visibilityM", path), path + ".visibilityM");
            if (visibility <= 0.0) {
                throw new InvalidWorldException(path + ".visibilityM: must be > 0, got " + visibility);
            }
            zones.add(new HazardZone(id, shape, visibility));
        }
        return new World(name, bounds, base, obstacles, zones);
    }

    private static Shape readShape(JsonNode node, String path, AxisAlignedRectangle bounds)
            throws InvalidWorldException {
        if (!node.isObject()) {
            throw new InvalidWorldException(path + ": must be an object");
        }
        String type = readText(required(node, "type", path), path + ".type");
        Shape shape = switch (type) {
            case "circle" -> readCircle(node, path);
            case "rectangle" -> {
                requireObject(node, path, Set.of("type", "min", "max"));
                yield readRectangle(node, path);
            }
            case "polygon" -> readPolygon(node, path);
            default -> throw new InvalidWorldException(path + ".type: unknown shape type '" + type
                    + "' (expected circle, rectangle or polygon)");
        };
        if (!bounds.encloses(shape.boundingBox())) {
            throw new InvalidWorldException(path + ": extends outside the world bounds");
        }
        return shape;
    }

    private static Circle readCircle(JsonNode node, String path) throws InvalidWorldException {
        requireObject(node, path, Set.of("type", "center", "radius"));
        Vec2 center = readPoint(required(node, "center", path), path + ".center");
        double radius = readNumber(required(node, "radius", path), path + ".radius");
        if (radius <= 0.0) {
            throw new InvalidWorldException(path + ".radius: must be > 0, got " + radius);
        }
        return new Circle(center, radius);
    }

    private static AxisAlignedRectangle readRectangle(JsonNode node, String path) throws InvalidWorldException {
        if (!node.isObject()) {
            throw new InvalidWorldException(path + ": must be an object");
        }
        Vec2 min = readPoint(required(node, "min", path), path + ".min");
        Vec2 max = readPoint(required(node, "max", path), path + ".max");
        if (min.x() >= max.x() || min.y() >= max.y()) {
            throw new InvalidWorldException(path + ": min must be below max on both axes, got min " + min
                    + " max " + max);
        }
        return new AxisAlignedRectangle(min, max);
    }

    private static Polygon readPolygon(JsonNode node, String path) throws InvalidWorldException {
        requireObject(node, path, Set.of("type", "vertices"));
        JsonNode vertexNodes = required(node, "vertices", path);
        if (!vertexNodes.isArray()) {
            throw new InvalidWorldException(path + ".vertices: must be an array");
        }
        if (vertexNodes.size() < 3 || vertexNodes.size() > Polygon.MAX_VERTICES) {
            throw new InvalidWorldException(path + ".vertices: needs 3.." + Polygon.MAX_VERTICES
                    + " vertices, got " + vertexNodes.size());
        }
        List<Vec2> vertices = new ArrayList<>();
        for (int i = 0; i < vertexNodes.size(); i++) {
            vertices.add(readPoint(vertexNodes.get(i), path + ".vertices[" + i + "]"));
        }
        try {
            return new Polygon(vertices);
        } catch (IllegalArgumentException e) {
            throw new InvalidWorldException(path + ": " + e.getMessage(), e);
        }
    }

    private static Vec2 readPoint(JsonNode node, String path) throws InvalidWorldException {
        requireObject(node, path, Set.of("x", "y"));
        return new Vec2(readNumber(required(node, "x", path), path + ".x"),
                readNumber(required(node, "y", path), path + ".y"));
    }

    private static double readNumber(JsonNode node, String path) throws InvalidWorldException {
        if (!node.isNumber()) {
            throw new InvalidWorldException(path + ": must be a number, got " + node.getNodeType());
        }
        double value = node.asDouble();
        if (!Double.isFinite(value)) {
            throw new InvalidWorldException(path + ": must be finite, got " + value);
        }
        return value;
    }

    private static String readText(JsonNode node, String path) throws InvalidWorldException {
        if (!node.isTextual()) {
            throw new InvalidWorldException(path + ": must be a string, got " + node.getNodeType());
        }
        return node.asText();
    }

    private static String readId(JsonNode node, String path, Set<String> seen) throws InvalidWorldException {
        String id = readText(node, path);
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            throw new InvalidWorldException(path + ": must be 1.." + MAX_ID_LENGTH + " characters");
        }
        if (!seen.add(id)) {
            throw new InvalidWorldException(path + ": duplicate id '" + id + "'");
        }
        return id;
    }

    private static JsonNode required(JsonNode object, String field, String path) throws InvalidWorldException {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidWorldException(path + "." + field + ": required");
        }
        return value;
    }

    private static JsonNode optionalArray(JsonNode root, String field, int maxSize) throws InvalidWorldException {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return MAPPER.createArrayNode();
        }
        if (!value.isArray()) {
            throw new InvalidWorldException("$." + field + ": must be an array");
        }
        if (value.size() > maxSize) {
            throw new InvalidWorldException("$." + field + ": at most " + maxSize + " entries, got " + value.size());
        }
        return value;
    }

    /** Rejects non-objects and unknown keys, so a misspelt field is an error instead of silently ignored. */
    private static void requireObject(JsonNode node, String path, Set<String> allowed) throws InvalidWorldException {
        if (!node.isObject()) {
            throw new InvalidWorldException(path + ": must be an object, got " + node.getNodeType());
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidWorldException(path + "." + name + ": unknown field (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }
}
