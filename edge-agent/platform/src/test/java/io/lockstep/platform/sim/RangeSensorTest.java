package io.lockstep.platform.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lockstep.platform.geometry.AxisAlignedRectangle;
import io.lockstep.platform.geometry.Polygon;
import io.lockstep.platform.geometry.Vec2;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangeSensorTest {

    @Test
    void beamsHitObstaclesAndWalls() {
        RangeSensor sensor = new RangeSensor(TestWorlds.withPillar(), 4, 100);
        double[] ranges = sensor.scan(new Vec2(50, 50));
        assertEquals(8.0, ranges[0], 1e-9, "east: pillar surface at x = 58");
        assertEquals(50.0, ranges[1], 1e-9, "north: wall at y = 100");
        assertEquals(50.0, ranges[2], 1e-9, "west: wall at x = 0");
        assertEquals(50.0, ranges[3], 1e-9, "south: wall at y = 0");
    }

    @Test
    void readingsBeyondMaxRangeAreInfinite() {
        double[] ranges = new RangeSensor(TestWorlds.withPillar(), 4, 30).scan(new Vec2(50, 50));
        assertEquals(8.0, ranges[0], 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, ranges[1]);
    }

    @Test
    void polygonObstaclesBlockBeams() {
        World world = new World("poly", new AxisAlignedRectangle(Vec2.ZERO, new Vec2(100, 100)), new Vec2(5, 5),
                List.of(new Obstacle("wedge", new Polygon(List.of(new Vec2(20, 40), new Vec2(30, 50), new Vec2(20, 60))))),
                List.of());
        assertEquals(10.0, new RangeSensor(world, 8, 100).scan(new Vec2(10, 50))[0], 1e-9);
    }

    @Test
    void smokeShortensEveryBeamInsideAHazardZone() {
        double[] inside = new RangeSensor(TestWorlds.withSmoke(), 16, 30).scan(new Vec2(50, 50));
        for (double range : inside) {
            assertEquals(5.0, range, 1e-9);
        }
    }

    @Test
    void smokeSeenFromOutsideReturnsAfterTheVisibilityDistanceInside() {
        double[] outside = new RangeSensor(TestWorlds.withSmoke(), 4, 30).scan(new Vec2(20, 50));
        assertEquals(15.0 + 5.0, outside[0], 1e-9, "enters the zone at x = 35, scattered 5 m later");
        assertEquals(20.0, outside[2], 1e-9, "west: the wall");
    }

    @Test
    void rejectsBadConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> new RangeSensor(TestWorlds.empty(), 0, 30));
        assertThrows(IllegalArgumentException.class, () -> new RangeSensor(TestWorlds.empty(), 8, Double.NaN));
    }
}
