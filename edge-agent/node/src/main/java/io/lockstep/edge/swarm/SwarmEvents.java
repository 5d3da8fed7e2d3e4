package io.lockstep.edge.swarm;

import io.lockstep.swarm.cells.CellsEvent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The host events of a cell mission (docs/agent-abi.md, "Swarm cells"), each journaled with the tick
 * it enters:
 * <ul>
 *   <li>{@code swarm.members}: the members now, UTF-8, one node id per line, plan order;</li>
 *   <li>{@code swarm.covered}: cells peers covered that this node did not know of, u32 count then u32 indices;</li>
 *   <li>{@code swarm.cells}: what the agents act on, derived from the two above (layout below).</li>
 * </ul>
 * {@code swarm.cells} ({@link CellsEvent}, shared with the fleet simulator), little-endian: u32 layout (1), u32 cells_total, u32 cells_covered, u32 count K,
 * u64 plan_version, then K records of u32 index and f64 min_x, min_y, max_x, max_y (the cell's bounding
 * box in the local frame, metres): the cells this node owns and nobody has covered yet, in plan order, at
 * most {@value #MAX_LISTED} of them (the next ones appear as these are covered).
 */
public final class SwarmEvents {

    public static final String MEMBERS = "swarm.members";
    public static final String COVERED = "swarm.covered";
    public static final String CELLS = CellsEvent.KIND;
    /** Topic prefix on which an agent reports a cell covered: {@code swarm/covered/<node>}, data u32 index. */
    public static final String COVERED_TOPIC_PREFIX = CellsEvent.COVERED_TOPIC_PREFIX;
    public static final int CELLS_LAYOUT = CellsEvent.LAYOUT;
    /** At most this many open cells are listed per event (the first ones in plan order). */
    public static final int MAX_LISTED = CellsEvent.MAX_LISTED;

    private SwarmEvents() {
    }

    public static byte[] members(List<String> members) {
        return String.join("\n", members).getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] covered(List<Integer> cells) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * cells.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(cells.size());
        cells.forEach(b::putInt);
        return b.array();
    }

    public static byte[] cells(SwarmState state) {
        return CellsEvent.encode(state.map().size(), state.coveredCount(), state.map().version(),
                state.ownedUnfinished(), state.map()::box);
    }

    /** The cell index an agent reported as covered, or -1 when the data is not one u32. */
    public static int coveredIndex(byte[] data) {
        return CellsEvent.coveredIndex(data);
    }
}
