package io.lockstep.swarm.codec;

import io.lockstep.swarm.cells.Cell;
import io.lockstep.swarm.cells.CellPlan;
import io.lockstep.swarm.cells.PointE7;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cell plan wire format, version 1 (big-endian):
 * <pre>
 *   "LSCP" u8 version=1
 *   u8 len, mission id UTF-8 (1..128)   i64 plan version (&gt;= 0)   varint cell count (0..65536)
 *   per cell, in index order: varint vertex count (3..2048), i32 centroid lat E7, i32 centroid lon E7,
 *                             then per vertex i32 lat E7, i32 lon E7
 * </pre>
 * Nothing may follow; the whole message is at most {@link Limits#MAX_PLAN_BYTES}.
 */
public final class CellPlanCodec {

    static final byte[] MAGIC = "LSCP".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;

    private CellPlanCodec() {
    }

    public static byte[] encode(CellPlan plan) {
        WireWriter w = new WireWriter().bytes(MAGIC).u8(VERSION).text(plan.missionId()).i64(plan.version())
                .varint(plan.size());
        for (Cell cell : plan.cells()) {
            w.varint(cell.polygon().size()).i32(cell.centroid().latE7()).i32(cell.centroid().lonE7());
            for (PointE7 p : cell.polygon()) {
                w.i32(p.latE7()).i32(p.lonE7());
            }
        }
        return w.toByteArray();
    }

    public static CellPlan decode(byte[] data) throws MalformedMessageException {
        WireReader r = WireReader.open(data, Limits.MAX_PLAN_BYTES, MAGIC, VERSION, "cell plan");
        String missionId = r.text(Limits.MAX_MISSION_ID_BYTES, "mission id");
        long version = r.i64("plan version");
        if (version < 0) {
            throw new MalformedMessageException("negative plan version");
        }
        int count = r.varint("cell count");
        if (count > CellPlan.MAX_CELLS) {
            throw new MalformedMessageException("cell count " + count + " exceeds " + CellPlan.MAX_CELLS);
        }
        // Each cell needs at least 1 + 8 + 3 * 8 bytes: refuse counts the message cannot hold before allocating.
        if ((long) count * 33 > r.remaining()) {
            throw new MalformedMessageException("cell count " + count + " does not fit the message");
        }
        List<Cell> cells = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int vertices = r.varint("vertex count");
            if (vertices < 3 || vertices > Limits.MAX_CELL_VERTICES) {
                throw new MalformedMessageException("cell " + i + " has " + vertices + " vertices");
            }
            if ((long) vertices * 8 + 8 > r.remaining()) {
                throw new MalformedMessageException("truncated cell " + i);
            }
            PointE7 centroid = point(r, "centroid");
            List<PointE7> polygon = new ArrayList<>(vertices);
            for (int v = 0; v < vertices; v++) {
                polygon.add(point(r, "vertex"));
            }
            cells.add(new Cell(i, polygon, centroid));
        }
        r.expectEnd("cell plan");
        return new CellPlan(missionId, version, cells);
    }

    private static PointE7 point(WireReader r, String what) throws MalformedMessageException {
        int lat = r.i32(what + " latitude");
        int lon = r.i32(what + " longitude");
        if (!PointE7.valid(lat, lon)) {
            throw new MalformedMessageException(what + " out of range: " + lat + ", " + lon);
        }
        return new PointE7(lat, lon);
    }
}
