package io.lockstep.swarm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.platform.geometry.Vec2;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictedPathsTest {

    @Test
    void keepsOnePointPerStrideAndTheLastPosition() {
        PredictedPaths paths = new PredictedPaths(50, 100);
        for (long t = 1; t <= 175; t++) {
            paths.record("node-1", t, new Vec2(t, 0));
        }
        List<PredictedPaths.Point> p = paths.paths().get("node-1");
        assertEquals(List.of(50L, 100L, 150L, 175L), p.stream().map(PredictedPaths.Point::tick).toList());
        assertEquals(175.0, p.get(3).x());
    }

    @Test
    void aLongPathThinsToTheCapAtACoarserStride() {
        PredictedPaths paths = new PredictedPaths(1, 10);
        for (long t = 1; t <= 1000; t++) {
            paths.record("node-1", t, new Vec2(t, t));
        }
        List<PredictedPaths.Point> p = paths.paths().get("node-1");
        assertTrue(p.size() <= 11, "at most the cap and the last point: " + p.size());
        assertTrue(p.size() >= 5, "still a path: " + p.size());
        assertEquals(1000, p.get(p.size() - 1).tick());
        for (int i = 2; i < p.size() - 1; i++) {
            assertEquals(p.get(1).tick() - p.get(0).tick(), p.get(i).tick() - p.get(i - 1).tick(), "even stride");
        }
    }
}
