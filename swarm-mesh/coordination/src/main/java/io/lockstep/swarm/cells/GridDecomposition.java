package io.lockstep.swarm.cells;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Decomposes a mission area into cells: a grid of {@link CellSize} squares anchored at the area's
 * south-west bounding-box corner, visited in boustrophedon order (row 0 is the southernmost and runs
 * west to east, row 1 runs east to west, and so on), each square clipped to the area; squares whose
 * clipped polygon has zero area are skipped and the rest are numbered 0, 1, 2... in visiting order.
 * Pure integer arithmetic (see docs/swarm.md, "Cells"), so the same area and size give the same
 * bytes everywhere.
 */
public final class GridDecomposition {

    /** Most vertices accepted in a mission area. */
    public static final int MAX_AREA_VERTICES = 1024;
    /** Widest accepted bounding box, per axis: 10 degrees. Larger missions should be split. */
    public static final long MAX_EXTENT_E7 = 100_000_000L;
    /** Most grid squares visited before clipping. */
    public static final long MAX_GRID_SQUARES = 1L << 20;

    private GridDecomposition() {
    }

    /** The plan of {@code missionId} version {@code version} for {@code area}. */
    public static CellPlan plan(String missionId, long version, List<PointE7> area, CellSize size) {
        return new CellPlan(missionId, version, decompose(area, size));
    }

    /** The ordered cells of {@code area} (lat/lon E7 vertices, either orientation, not closed). */
    public static List<Cell> decompose(List<PointE7> area, CellSize size) {
        if (area == null || area.size() < 3) {
            throw new InvalidAreaException("a mission area needs at least 3 vertices");
        }
        if (area.size() > MAX_AREA_VERTICES) {
            throw new InvalidAreaException("a mission area has at most " + MAX_AREA_VERTICES + " vertices");
        }
        int n = area.size();
        long[] xs = new long[n];
        long[] ys = new long[n];
        long minX = Long.MAX_VALUE;
        long maxX = Long.MIN_VALUE;
        long minY = Long.MAX_VALUE;
        long maxY = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            xs[i] = area.get(i).lonE7();
            ys[i] = area.get(i).latE7();
            minX = Math.min(minX, xs[i]);
            maxX = Math.max(maxX, xs[i]);
            minY = Math.min(minY, ys[i]);
            maxY = Math.max(maxY, ys[i]);
        }
        if (maxX - minX > MAX_EXTENT_E7 || maxY - minY > MAX_EXTENT_E7) {
            throw new InvalidAreaException("a mission area spans at most 10 degrees per axis");
        }
        BigInteger twiceArea = IntPolygon.twiceArea(xs, ys, n);
        if (twiceArea.signum() == 0) {
            throw new InvalidAreaException("the mission area has zero area");
        }
        if (twiceArea.signum() < 0) {
            reverse(xs);
            reverse(ys);
        }
        long columns = ceilDiv(maxX - minX, size.lonE7());
        long rows = ceilDiv(maxY - minY, size.latE7());
        if (columns * rows > MAX_GRID_SQUARES) {
            throw new InvalidAreaException("the grid would have " + columns * rows + " squares (at most "
                    + MAX_GRID_SQUARES + "); choose a larger cell size");
        }
        IntPolygon.Ring ring = new IntPolygon.Ring(xs, ys, n);
        List<Cell> cells = new ArrayList<>();
        for (long row = 0; row < rows; row++) {
            long y0 = minY + row * size.latE7();
            long y1 = Math.min(maxY, y0 + size.latE7());
            for (long k = 0; k < columns; k++) {
                long column = (row % 2 == 0) ? k : columns - 1 - k;
                long x0 = minX + column * size.lonE7();
                long x1 = Math.min(maxX, x0 + size.lonE7());
                Cell cell = clippedCell(ring, x0, x1, y0, y1, cells.size());
                if (cell != null) {
                    if (cells.size() == CellPlan.MAX_CELLS) {
                        throw new InvalidAreaException("more than " + CellPlan.MAX_CELLS
                                + " cells; choose a larger cell size");
                    }
                    cells.add(cell);
                }
            }
        }
        return cells;
    }

    private static Cell clippedCell(IntPolygon.Ring area, long x0, long x1, long y0, long y1, int index) {
        IntPolygon.Ring clipped = IntPolygon.clip(area, x0, x1, y0, y1);
        if (clipped == null) {
            return null;
        }
        // Relative to the square's corner the products stay small; the centroid is shifted back.
        int m = clipped.size();
        long[] rx = new long[m];
        long[] ry = new long[m];
        List<PointE7> polygon = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            rx[i] = clipped.xs()[i] - x0;
            ry[i] = clipped.ys()[i] - y0;
            polygon.add(new PointE7((int) clipped.ys()[i], (int) clipped.xs()[i]));
        }
        BigInteger twiceArea = IntPolygon.twiceArea(rx, ry, m);
        if (twiceArea.signum() <= 0) {
            return null;
        }
        PointE7 relative = IntPolygon.centroid(rx, ry, m, twiceArea);
        PointE7 centroid = new PointE7((int) (relative.latE7() + y0), (int) (relative.lonE7() + x0));
        return new Cell(index, polygon, centroid);
    }

    private static long ceilDiv(long a, long b) {
        return Math.max(1, -Math.floorDiv(-a, b));
    }

    private static void reverse(long[] values) {
        for (int i = 0, j = values.length - 1; i < j; i++, j--) {
            long t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
