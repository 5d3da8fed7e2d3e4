package io.lockstep.agents.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PathPlanJavaTest {

    @Test
    void anEmptyGridGivesManhattanLengths() {
        PathPlanJava planner = new PathPlanJava(3, 16, 0);
        for (int i = 0; i < 20; i++) {
            PathPlanJava.PlanResult r = planner.planNext();
            int manhattan = Math.abs(r.start() % 16 - r.goal() % 16) + Math.abs(r.start() / 16 - r.goal() / 16);
            assertEquals(manhattan, r.length());
            // Every cell of the path is expanded; ties (equal f) may add cells of the bounding box, no more.
            int boxCells = (Math.abs(r.start() % 16 - r.goal() % 16) + 1) * (Math.abs(r.start() / 16 - r.goal() / 16) + 1);
            assertTrue(r.expanded() >= manhattan + 1 && r.expanded() <= boxCells, "expanded " + r.expanded());
        }
    }

    @Test
    void obstaclesNeverShortenAPathAndSometimesBlockIt() {
        boolean sawDetour = false;
        boolean sawUnreachable = false;
        for (long seed = 1; seed <= 40; seed++) {
            PathPlanJava planner = new PathPlanJava(seed, 16, 55);
            for (int i = 0; i < 5; i++) {
                PathPlanJava.PlanResult r = planner.planNext();
                int manhattan = Math.abs(r.start() % 16 - r.goal() % 16) + Math.abs(r.start() / 16 - r.goal() / 16);
                if (r.length() < 0) {
                    sawUnreachable = true;
                } else {
                    assertTrue(r.length() >= manhattan);
                    assertEquals(0, (r.length() - manhattan) % 2, "a detour on a grid costs an even number of steps");
                    sawDetour |= r.length() > manhattan;
                }
            }
        }
        assertTrue(sawDetour);
        assertTrue(sawUnreachable);
    }

    @Test
    void densityControlsTheObstacleShare() {
        PathPlanJava planner = new PathPlanJava(9, 128, 25);
        int blocked = 0;
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 128; x++) {
                blocked += planner.isBlocked(x, y) ? 1 : 0;
            }
        }
        double share = blocked / (128.0 * 128.0);
        assertTrue(share > 0.23 && share < 0.27, "share " + share);
    }

    @Test
    void isDeterministicPerSeed() {
        assertEquals(new PathPlanJava(77, 64, 30).runPlans(5), new PathPlanJava(77, 64, 30).runPlans(5));
        assertNotEquals(new PathPlanJava(77, 64, 30).runPlans(5), new PathPlanJava(78, 64, 30).runPlans(5));
    }

    @Test
    void rejectsSizesAndDensitiesTheAgentRejects() {
        assertThrows(IllegalArgumentException.class, () -> new PathPlanJava(1, 7, 10));
        assertThrows(IllegalArgumentException.class, () -> new PathPlanJava(1, 257, 10));
        assertThrows(IllegalArgumentException.class, () -> new PathPlanJava(1, 64, -1));
        assertThrows(IllegalArgumentException.class, () -> new PathPlanJava(1, 64, 61));
        PathPlanJava planner = new PathPlanJava(1, 8, 10);
        assertThrows(IllegalArgumentException.class, () -> planner.runPlans(-1));
        assertThrows(IllegalArgumentException.class, () -> planner.isBlocked(8, 0));
        assertThrows(IllegalArgumentException.class, () -> planner.isBlocked(0, -1));
    }
}
