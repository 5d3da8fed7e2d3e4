package io.lockstep.swarm.cells;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.swarm.codec.Sha256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GridDecompositionTest {

    private static final int LAT = 473_977_000;
    private static final int LON = 85_456_000;

    static List<PointE7> rectangle(int lat, int lon, int height, int width) {
        return List.of(new PointE7(lat, lon), new PointE7(lat, lon + width), new PointE7(lat + height, lon + width),
                new PointE7(lat + height, lon));
    }

    @Test
    void rectangleIsCutIntoBoustrophedonRows() {
        List<Cell> cells = GridDecomposition.decompose(rectangle(LAT, LON, 2000, 3000), new CellSize(1000, 1000));
        assertEquals(6, cells.size());
        // row 0 west to east, row 1 east to west
        int[] expectedColumns = {0, 1, 2, 2, 1, 0};
        int[] expectedRows = {0, 0, 0, 1, 1, 1};
        for (int i = 0; i < 6; i++) {
            Cell c = cells.get(i);
            assertEquals(i, c.index());
            assertEquals(LON + expectedColumns[i] * 1000 + 500, c.centroid().lonE7(), "cell " + i);
            assertEquals(LAT + expectedRows[i] * 1000 + 500, c.centroid().latE7(), "cell " + i);
        }
    }

    @Test
    void clippedCellsTileTheAreaExactly() {
        // a concave L-shaped area, clockwise on purpose
        List<PointE7> area = List.of(new PointE7(LAT, LON), new PointE7(LAT + 5000, LON),
                new PointE7(LAT + 5000, LON + 2000), new PointE7(LAT + 2000, LON + 2000),
                new PointE7(LAT + 2000, LON + 6000), new PointE7(LAT, LON + 6000));
        List<Cell> cells = GridDecomposition.decompose(area, new CellSize(1500, 1700));
        BigInteger total = BigInteger.ZERO;
        for (Cell c : cells) {
            total = total.add(twiceArea(c.polygon()));
        }
        assertEquals(twiceArea(area).abs(), total);
    }

    @Test
    void triangleAreaIsCoveredUpToRounding() {
        List<PointE7> area = List.of(new PointE7(LAT, LON), new PointE7(LAT, LON + 9001),
                new PointE7(LAT + 7003, LON + 4507));
        List<Cell> cells = GridDecomposition.decompose(area, new CellSize(997, 1009));
        BigInteger total = BigInteger.ZERO;
        for (Cell c : cells) {
            assertTrue(twiceArea(c.polygon()).signum() > 0);
            total = total.add(twiceArea(c.polygon()));
        }
        BigInteger expected = twiceArea(area);
        // floor rounding of intersections moves each clipped edge by under one unit
        assertTrue(expected.subtract(total).abs().compareTo(BigInteger.valueOf(4L * 9001 * cells.size())) < 0,
                expected + " vs " + total);
    }

    @Test
    void sameInputSameBytes() {
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            List<PointE7> area = new ArrayList<>();
            int n = 3 + random.nextInt(8);
            for (int i = 0; i < n; i++) {
                double angle = 2 * Math.PI * i / n;
                int r = 2000 + random.nextInt(3000);
                area.add(new PointE7(LAT + (int) (r * Math.sin(angle)), LON + (int) (r * Math.cos(angle))));
            }
            CellSize size = new CellSize(300 + random.nextInt(900), 300 + random.nextInt(900));
            byte[] a = GridDecomposition.plan("m", 1, area, size).digest();
            byte[] b = GridDecomposition.plan("m", 1, List.copyOf(area), size).digest();
            assertArrayEquals(a, b);
        }
    }

    @Test
    void knownPlanDigestIsStable() {
        // Pins the decomposition and the plan encoding: a change here breaks every other implementation.
        CellPlan plan = GridDecomposition.plan("mission-1", 3, rectangle(LAT, LON, 2500, 2500), new CellSize(1000, 1000));
        assertEquals(9, plan.size());
        assertEquals("b040a3a34eb01a72850a66fef063dee04efb536c9c644b297f2a1beef3bba28b", Sha256.hex(plan.digest()));
        // the 500 x 500 corner cell of row 2 (row 2 runs west to east again)
        assertEquals(new PointE7(LAT + 2250, LON + 2250), plan.cell(8).centroid());
    }

    @Test
    void refusesHostileAreas() {
        assertThrows(InvalidAreaException.class, () -> GridDecomposition.decompose(
                List.of(new PointE7(0, 0), new PointE7(1, 1)), new CellSize(1000, 1000)));
        assertThrows(InvalidAreaException.class, () -> GridDecomposition.decompose(
                List.of(new PointE7(0, 0), new PointE7(1000, 1000), new PointE7(2000, 2000)), new CellSize(1000, 1000)));
        assertThrows(InvalidAreaException.class, () -> GridDecomposition.decompose(
                rectangle(0, 0, 200_000_000, 1000), new CellSize(1_000_000, 1_000_000)));
        assertThrows(InvalidAreaException.class, () -> GridDecomposition.decompose(
                rectangle(0, 0, 90_000_000, 90_000_000), new CellSize(100, 100)));
        assertThrows(IllegalArgumentException.class, () -> new CellSize(0, 1000));
        assertThrows(IllegalArgumentException.class, () -> new PointE7(900_000_001, 0));
    }

    @Test
    void metricSizeConvertsAtTheReferenceLatitude() {
        CellSize size = CellSize.ofMetres(50, LAT);
        assertEquals(4492, size.latE7());
        assertTrue(size.lonE7() > size.latE7());
    }

    static BigInteger twiceArea(List<PointE7> polygon) {
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i < polygon.size(); i++) {
            PointE7 p = polygon.get(i);
            PointE7 q = polygon.get((i + 1) % polygon.size());
            sum = sum.add(BigInteger.valueOf(p.lonE7()).multiply(BigInteger.valueOf(q.latE7()))
                    .subtract(BigInteger.valueOf(q.lonE7()).multiply(BigInteger.valueOf(p.latE7()))));
        }
        return sum;
    }
}
