package io.lockstep.swarm.cells;

import io.lockstep.swarm.codec.CellPlanCodec;
import io.lockstep.swarm.codec.Sha256;
import java.util.List;

/**
 * The ordered, versioned list of cells of one mission, as C2 sends it to every node. Cell {@code i}
 * has index {@code i}. A new decomposition of the same mission carries a higher {@code version};
 * coverage and allocation are always relative to one (mission, version).
 */
public record CellPlan(String missionId, long version, List<Cell> cells) {

    /** At most this many cells in one plan (wire formats and the decomposition enforce it). */
    public static final int MAX_CELLS = 65_536;

    public CellPlan {
        if (missionId == null || missionId.isEmpty()) {
            throw new IllegalArgumentException("mission id missing");
        }
        if (version < 0) {
            throw new IllegalArgumentException("plan version must not be negative");
        }
        cells = List.copyOf(cells);
        if (cells.size() > MAX_CELLS) {
            throw new IllegalArgumentException("more than " + MAX_CELLS + " cells");
        }
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).index() != i) {
                throw new IllegalArgumentException("cell at position " + i + " has index " + cells.get(i).index());
            }
        }
    }

    public int size() {
        return cells.size();
    }

    public Cell cell(int index) {
        return cells.get(index);
    }

    /** SHA-256 of the plan's canonical encoding ({@link CellPlanCodec}). */
    public byte[] digest() {
        return Sha256.of(CellPlanCodec.encode(this));
    }
}
