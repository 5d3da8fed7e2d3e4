package io.lockstep.platform.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolygonTest {

    private static final Polygon SQUARE = new Polygon(List.of(
            new Vec2(0, 0), new Vec2(10, 0), new Vec2(10, 10), new Vec2(0, 10)));

    /** A U shape: a notch from (4,4) up to the top edge between x=4 and x=6. */
    private static final Polygon U_SHAPE = new Polygon(List.of(
            new Vec2(0, 0), new Vec2(10, 0), new Vec2(10, 10), new Vec2(6, 10),
            new Vec2(6, 4), new Vec2(4, 4), new Vec2(4, 10), new Vec2(0, 10)));

    @Test
    void containsInteriorAndBoundaryButNotOutside() {
        assertTrue(SQUARE.contains(new Vec2(5, 5)));
        assertTrue(SQUARE.contains(new Vec2(10, 5)));
        assertTrue(SQUARE.contains(new Vec2(0, 0)));
        assertFalse(SQUARE.contains(new Vec2(10.01, 5)));
        assertFalse(U_SHAPE.contains(new Vec2(5, 8)));
        assertTrue(U_SHAPE.contains(new Vec2(2, 8)));
    }

    @Test
    void rayCrossingsAreSortedDistances() {
        assertArrayEquals(new double[] {5.0}, SQUARE.boundaryCrossings(new Vec2(5, 5), new Vec2(1, 0)), 1e-12);
        assertArrayEquals(new double[] {2.0, 12.0},
                SQUARE.boundaryCrossings(new Vec2(-2, 5), new Vec2(1, 0)), 1e-12);
        assertArrayEquals(new double[] {1.0, 5.0, 7.0, 11.0},
                U_SHAPE.boundaryCrossings(new Vec2(-1, 8), new Vec2(1, 0)), 1e-12);
        assertEquals(0, SQUARE.boundaryCrossings(new Vec2(-2, 5), new Vec2(-1, 0)).length);
    }

    @Test
    void rayThroughAVertexCountsItOnce() {
        Vec2 diagonal = new Vec2(1, 1).normalized();
        double[] crossings = SQUARE.boundaryCrossings(new Vec2(-1, -1), diagonal);
        assertArrayEquals(new double[] {Math.sqrt(2), 11 * Math.sqrt(2)}, crossings, 1e-9);
    }

    @Test
    void fractionInsideAlongStopsAtTheFirstExit() {
        assertEquals(1.0, SQUARE.fractionInsideAlong(new Vec2(2, 5), new Vec2(8, 5)));
        assertEquals(0.5, SQUARE.fractionInsideAlong(new Vec2(6, 5), new Vec2(14, 5)), 1e-12);
        // Leaves through the notch of the U although the end point is inside again.
        assertEquals(0.25, U_SHAPE.fractionInsideAlong(new Vec2(2, 8), new Vec2(10, 8)), 1e-12);
        // Starting on the boundary and heading out: no room at all.
        assertEquals(0.0, SQUARE.fractionInsideAlong(new Vec2(10, 5), new Vec2(12, 5)));
    }

    @Test
    void nearestBoundaryPointProjectsOntoTheClosestEdge() {
        assertEquals(new Vec2(10, 5), SQUARE.nearestBoundaryPoint(new Vec2(13, 5)));
        assertEquals(new Vec2(10, 10), SQUARE.nearestBoundaryPoint(new Vec2(12, 12)));
    }

    @Test
    void rejectsTooFewVertices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Polygon(List.of(new Vec2(0, 0), new Vec2(1, 0))));
        assertTrue(e.getMessage().contains("3.."), e.getMessage());
    }

    @Test
    void rejectsTooManyVertices() {
        List<Vec2> circle = new ArrayList<>();
        for (int i = 0; i <= Polygon.MAX_VERTICES; i++) {
            circle.add(Vec2.unitAt(2 * Math.PI * i / (Polygon.MAX_VERTICES + 1)).times(10));
        }
        assertThrows(IllegalArgumentException.class, () -> new Polygon(circle));
    }

    @Test
    void rejectsSelfIntersectingBowTie() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Polygon(List.of(
                new Vec2(0, 0), new Vec2(10, 10), new Vec2(10, 0), new Vec2(0, 10))));
        assertTrue(e.getMessage().contains("cross"), e.getMessage());
    }

    @Test
    void rejectsZeroAreaAndNonFiniteVertices() {
        assertThrows(IllegalArgumentException.class, () -> new Polygon(List.of(
                new Vec2(0, 0), new Vec2(5, 0), new Vec2(10, 0))));
        assertThrows(IllegalArgumentException.class, () -> new Polygon(List.of(
                new Vec2(0, 0), new Vec2(Double.NaN, 0), new Vec2(10, 10))));
    }
}
