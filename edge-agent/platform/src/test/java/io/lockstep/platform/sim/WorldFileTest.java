package io.lockstep.platform.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.platform.geometry.AxisAlignedRectangle;
import io.lockstep.platform.geometry.Circle;
import io.lockstep.platform.geometry.Polygon;
import io.lockstep.platform.geometry.Vec2;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldFileTest {

    private static final String BOUNDS = "\"bounds\": {\"min\": {\"x\": 0, \"y\": 0}, \"max\": {\"x\": 100, \"y\": 50}}";
    private static final String BASE = "\"base\": {\"x\": 1, \"y\": 1}";

    private static String world(String extra) {
        return "{" + BOUNDS + ", " + BASE + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    private static String obstacle(String shape) {
        return world("\"obstacles\": [{\"id\": \"o\", \"shape\": " + shape + "}]");
    }

    private static String rejection(String json) {
        return assertThrows(InvalidWorldException.class, () -> WorldFile.parse(json)).getMessage();
    }

    @Test
    void parsesEveryShapeAndHazardZone() throws InvalidWorldException {
        World world = WorldFile.parse(world("\"name\": \"t\", \"obstacles\": ["
                + "{\"id\": \"c\", \"shape\": {\"type\": \"circle\", \"center\": {\"x\": 10, \"y\": 10}, \"radius\": 2}},"
                + "{\"id\": \"r\", \"shape\": {\"type\": \"rectangle\", \"min\": {\"x\": 20, \"y\": 5}, \"max\": {\"x\": 25, \"y\": 9}}},"
                + "{\"id\": \"p\", \"shape\": {\"type\": \"polygon\", \"vertices\": [{\"x\": 30, \"y\": 30}, {\"x\": 35, \"y\": 30}, {\"x\": 32, \"y\": 34}]}}],"
                + "\"hazardZones\": [{\"id\": \"h\", \"shape\": {\"type\": \"circle\", \"center\": {\"x\": 60, \"y\": 25}, \"radius\": 8}, \"visibilityM\": 4}]"));
        assertEquals("t", world.name());
        assertEquals(new AxisAlignedRectangle(new Vec2(0, 0), new Vec2(100, 50)), world.bounds());
        assertEquals(new Vec2(1, 1), world.base());
        assertEquals(3, world.obstacles().size());
        assertEquals(new Circle(new Vec2(10, 10), 2), world.obstacles().get(0).shape());
        assertTrue(world.obstacles().get(2).shape() instanceof Polygon);
        assertEquals(4.0, world.hazardZones().get(0).visibilityM());
        assertEquals(1, world.hazardZonesAt(new Vec2(60, 25)).size());
        assertFalse(world.isFree(new Vec2(10, 10)));
    }

    @Test
    void demoWorldMatchesTheDemoMission() {
        World demo = WorldFile.demo();
        AxisAlignedRectangle bounds = demo.bounds();
        assertTrue(bounds.width() >= 190 && bounds.width() <= 210, "about 200 m wide");
        assertTrue(bounds.height() >= 110 && bounds.height() <= 130, "about 120 m high");
        AxisAlignedRectangle missionArea = new AxisAlignedRectangle(new Vec2(0, 0), new Vec2(120, 60));
        assertTrue(bounds.encloses(missionArea));
        assertTrue(demo.isFree(demo.base()));
        assertEquals(2, demo.hazardZones().size());
        assertTrue(missionArea.encloses(demo.hazardZones().get(0).shape().boundingBox()), "hazard zone inside the area");
        // the launch smoke: over node-2's and node-3's start spots (3 and 6 m east of the base), not over node-1's
        assertTrue(demo.hazardZonesAt(demo.base().plus(new Vec2(3, 0))).size() == 1
                && demo.hazardZonesAt(demo.base().plus(new Vec2(6, 0))).size() == 1, "smoke over node-2 and node-3");
        assertTrue(demo.hazardZonesAt(demo.base()).isEmpty(), "no smoke over node-1 and the base");
        // survey lays horizontal lanes half a spacing (10 m) inside each strip: y = 5, 15, ..., 55.
        boolean laneBlocked = false;
        for (Obstacle obstacle : demo.obstacles()) {
            for (int lane = 0; lane < 6; lane++) {
                Vec2 from = new Vec2(0, 5 + 10 * lane);
                laneBlocked |= obstacle.shape().boundaryCrossings(from, new Vec2(1, 0)).length > 0
                        && obstacle.shape().boundaryCrossings(from, new Vec2(1, 0))[0] < 120;
            }
        }
        assertTrue(laneBlocked, "an obstacle sits in a lawnmower lane of the mission area");
    }

    @Test
    void loadsFromAFile(@TempDir Path dir) throws IOException, InvalidWorldException {
        Path file = dir.resolve("w.json");
        Files.writeString(file, world(""));
        assertEquals(new Vec2(1, 1), WorldFile.load(file).base());
    }

    @Test
    void rejectsMissingFileAndMissingResource(@TempDir Path dir) {
        String message = assertThrows(InvalidWorldException.class, () -> WorldFile.load(dir.resolve("none.json")))
                .getMessage();
        assertTrue(message.contains("cannot be read"), message);
        assertThrows(InvalidWorldException.class, () -> WorldFile.loadResource("/worlds/none.json"));
    }

    @Test
    void rejectsOversizedFiles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.json");
        Files.writeString(file, " ".repeat(WorldFile.MAX_FILE_BYTES + 1));
        String message = assertThrows(InvalidWorldException.class, () -> WorldFile.load(file)).getMessage();
        assertTrue(message.contains("larger than"), message);
    }

    @Test
    void rejectsMalformedJson() {
        String message = rejection("{\"bounds\": ");
        assertTrue(message.startsWith("world file is not valid JSON"), message);
        assertTrue(rejection("").contains("empty"));
        assertTrue(rejection("[1, 2]").startsWith("$: must be an object"));
    }

    @Test
    void rejectsHostileNesting() {
        String deep = "{\"name\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
        String message = rejection(deep);
        assertTrue(message.startsWith("world file is not valid JSON"), message);
    }

    @Test
    void rejectsDuplicateKeys() {
        assertTrue(rejection("{" + BOUNDS + ", " + BASE + ", " + BASE + "}").contains("Duplicate field"));
    }

    @Test
    void rejectsMissingRequiredFields() {
        assertEquals("$.bounds: required", rejection("{" + BASE + "}"));
        assertEquals("$.base: required", rejection("{" + BOUNDS + "}"));
        assertEquals("$.obstacles[0].shape.radius: required",
                rejection(obstacle("{\"type\": \"circle\", \"center\": {\"x\": 5, \"y\": 5}}")));
    }

    @Test
    void rejectsUnknownFields() {
        String message = rejection(world("\"obstacle\": []"));
        assertTrue(message.startsWith("$.obstacle: unknown field"), message);
        assertTrue(rejection(obstacle("{\"type\": \"circle\", \"center\": {\"x\": 5, \"y\": 5}, \"radius\": 1, "
                + "\"radios\": 2}")).startsWith("$.obstacles[0].shape.radios: unknown field"));
    }

    @Test
    void rejectsWrongTypes() {
        assertTrue(rejection("{" + BOUNDS + ", \"base\": {\"x\": \"1\", \"y\": 1}}").startsWith("$.base.x: must be a number"));
        assertTrue(rejection(world("\"obstacles\": {}")).startsWith("$.obstacles: must be an array"));
        assertTrue(rejection(world("\"name\": 7")).startsWith("$.name: must be a string"));
        assertTrue(rejection(obstacle("{\"type\": \"polygon\", \"vertices\": 3}")).contains("must be an array"));
    }

    @Test
    void rejectsNonFiniteNumbers() {
        String message = rejection("{" + BOUNDS + ", \"base\": {\"x\": 1e999, \"y\": 1}}");
        assertTrue(message.startsWith("$.base.x: must be finite"), message);
    }

    @Test
    void rejectsUnknownShapeType() {
        assertTrue(rejection(obstacle("{\"type\": \"torus\"}")).contains("unknown shape type 'torus'"));
    }

    @Test
    void rejectsDegenerateGeometry() {
        assertTrue(rejection(obstacle("{\"type\": \"circle\", \"center\": {\"x\": 5, \"y\": 5}, \"radius\": 0}"))
                .contains("radius: must be > 0"));
        assertTrue(rejection(obstacle("{\"type\": \"rectangle\", \"min\": {\"x\": 5, \"y\": 5}, \"max\": {\"x\": 5, \"y\": 9}}"))
                .contains("min must be below max"));
        assertTrue(rejection(obstacle("{\"type\": \"polygon\", \"vertices\": [{\"x\": 5, \"y\": 5}, {\"x\": 6, \"y\": 5}]}"))
                .contains("needs 3.."));
        assertTrue(rejection(obstacle("{\"type\": \"polygon\", \"vertices\": [{\"x\": 10, \"y\": 10}, {\"x\": 20, \"y\": 20}, "
                + "{\"x\": 20, \"y\": 10}, {\"x\": 10, \"y\": 20}]}")).contains("cross"));
        assertTrue(rejection("{\"bounds\": {\"min\": {\"x\": 0, \"y\": 0}, \"max\": {\"x\": -1, \"y\": 5}}, " + BASE + "}")
                .startsWith("$.bounds: min must be below max"));
    }

    @Test
    void rejectsShapesOutsideTheBoundsAndBadPlacements() {
        assertTrue(rejection(obstacle("{\"type\": \"circle\", \"center\": {\"x\": 99, \"y\": 5}, \"radius\": 3}"))
                .contains("outside the world bounds"));
        assertTrue(rejection("{" + BOUNDS + ", \"base\": {\"x\": -5, \"y\": 1}}").contains("outside the bounds"));
        assertTrue(rejection(obstacle("{\"type\": \"circle\", \"center\": {\"x\": 3, \"y\": 3}, \"radius\": 3}"))
                .contains("covers the base"));
    }

    @Test
    void rejectsBadIdsAndHazardVisibility() {
        String zone = "{\"id\": \"z\", \"shape\": {\"type\": \"circle\", \"center\": {\"x\": 50, \"y\": 25}, \"radius\": 3}, ";
        assertTrue(rejection(world("\"hazardZones\": [" + zone + "\"visibilityM\": 0}]")).contains("visibilityM: must be > 0"));
        assertTrue(rejection(world("\"hazardZones\": [" + zone + "\"visibilityM\": 2}, " + zone + "\"visibilityM\": 2}]"))
                .contains("duplicate id 'z'"));
        assertTrue(rejection(world("\"obstacles\": [{\"id\": \"\", \"shape\": {\"type\": \"circle\", "
                + "\"center\": {\"x\": 50, \"y\": 25}, \"radius\": 3}}]")).contains("must be 1..64 characters"));
    }

    @Test
    void rejectsTooManyObstacles() {
        StringBuilder obstacles = new StringBuilder();
        for (int i = 0; i <= WorldFile.MAX_OBSTACLES; i++) {
            obstacles.append(i == 0 ? "" : ",").append("{\"id\": \"o").append(i)
                    .append("\", \"shape\": {\"type\": \"circle\", \"center\": {\"x\": 50, \"y\": 25}, \"radius\": 1}}");
        }
        assertTrue(rejection(world("\"obstacles\": [" + obstacles + "]")).contains("at most " + WorldFile.MAX_OBSTACLES));
    }
}
