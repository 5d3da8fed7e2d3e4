package io.lockstep.c2.mission.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.c2.mission.GeoPoint;
import io.lockstep.proto.v1.CellPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** C2 cuts a mission's area into the ordered, versioned cell list every node of the mission receives. */
class CellPlannerTest {

    static final double LAT = 47.3769;
    static final double LON = 8.5417;
    /** About 120 m east by 60 m north of the origin (the demo field). */
    static final List<GeoPoint> FIELD = List.of(new GeoPoint(LAT, LON), new GeoPoint(LAT, LON + 0.0015885),
            new GeoPoint(LAT + 0.00053958, LON + 0.0015885), new GeoPoint(LAT + 0.00053958, LON));

    @Test
    void aFieldBecomesNumberedCellsWithOutlinesAndTheMissionsNodes() {
        CellPlan plan = new CellPlanner(20).plan("m-1", FIELD, List.of("node-1", "node-2", "node-3")).orElseThrow();
        assertEquals(CellPlanner.FIRST_VERSION, plan.getVersion());
        assertEquals(List.of("node-1", "node-2", "node-3"), plan.getNodesList());
        assertTrue(plan.getCellsCount() >= 18 && plan.getCellsCount() <= 28, "about 6 x 3 cells of 20 m: "
                + plan.getCellsCount());
        for (int i = 0; i < plan.getCellsCount(); i++) {
            assertEquals(i, plan.getCells(i).getIndex());
            int coords = plan.getCells(i).getOutlineE7Count();
            assertTrue(coords >= 6 && coords % 2 == 0, "lat/lon pairs, at least 3 points");
            for (int k = 0; k < coords; k += 2) {
                double lat = plan.getCells(i).getOutlineE7(k) / 1e7;
                double lon = plan.getCells(i).getOutlineE7(k + 1) / 1e7;
                assertTrue(lat >= LAT - 1e-6 && lat <= LAT + 0.00054 + 1e-6, "inside the field: " + lat);
                assertTrue(lon >= LON - 1e-6 && lon <= LON + 0.0015886 + 1e-6, "inside the field: " + lon);
            }
        }
    }

    @Test
    void theSameAreaGivesTheSamePlanEveryTime() {
        CellPlanner planner = new CellPlanner(20);
        assertEquals(planner.plan("m-1", FIELD, List.of("a")), planner.plan("m-1", FIELD, List.of("a")));
    }

    @Test
    void anAreaTheDecompositionRefusesIsDispatchedWithoutCells() {
        List<GeoPoint> huge = List.of(new GeoPoint(0.0, 0.0), new GeoPoint(0.0, 30.0), new GeoPoint(30.0, 30.0));
        assertTrue(new CellPlanner(20).plan("m-2", huge, List.of("a")).isEmpty());
    }
}
