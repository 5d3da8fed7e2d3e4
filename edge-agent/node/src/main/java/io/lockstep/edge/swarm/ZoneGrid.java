package io.lockstep.edge.swarm;

import io.lockstep.edge.mission.LocalFrame;
import io.lockstep.platform.geometry.AxisAlignedRectangle;
import io.lockstep.platform.geometry.Vec2;
import java.util.Map;

/**
 * The right-of-way zones on a node: one global grid in WGS84 (cells of {@value #LAT_E7} x {@value #LON_E7}
 * 1e-7 degrees, about 8 m x 7.5 m in central Europe), the same for every node and mission. A zone id is a
 * 31-bit mix of the cell's row and column: two cells that collide only make a conflict where there is none
 * (safe, never the opposite). Positions come in the mission's local frame.
 */
final class ZoneGrid {

    static final int LAT_E7 = 720;
    static final int LON_E7 = 1_000;

    /** One grid cell: its zone id, row and column. */
    record Cell(int zone, long row, long col) {
    }

    private final LocalFrame frame;

    ZoneGrid(LocalFrame frame) {
        this.frame = frame;
    }

    Cell cellAt(Vec2 local) {
        double[] latLon = frame.toLatLon(local.x(), local.y());
        long row = Math.floorDiv(Math.round(latLon[0] * 1e7), LAT_E7);
        long col = Math.floorDiv(Math.round(latLon[1] * 1e7), LON_E7);
        return new Cell((int) (mix(row * 0x9E3779B97F4A7C15L ^ col) & 0x7FFF_FFFFL), row, col);
    }

    /** Adds the cells a disc of {@code radius} around {@code local} may touch (its bounding square's corners). */
    void addCellsNear(Vec2 local, double radius, Map<Integer, Cell> into) {
        for (double dx : new double[] {-radius, radius}) {
            for (double dy : new double[] {-radius, radius}) {
                Cell c = cellAt(local.plus(new Vec2(dx, dy)));
                into.putIfAbsent(c.zone(), c);
            }
        }
    }

    /** A cell in the local frame, widened by {@code margin}. */
    AxisAlignedRectangle rectangle(Cell cell, double margin) {
        double[] sw = frame.toLocal(cell.row() * LAT_E7 / 1e7, cell.col() * LON_E7 / 1e7);
        double[] ne = frame.toLocal((cell.row() + 1) * LAT_E7 / 1e7, (cell.col() + 1) * LON_E7 / 1e7);
        return new AxisAlignedRectangle(new Vec2(sw[0] - margin, sw[1] - margin),
                new Vec2(ne[0] + margin, ne[1] + margin));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
