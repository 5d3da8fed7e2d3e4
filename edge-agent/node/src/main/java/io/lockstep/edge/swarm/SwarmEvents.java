package io.lockstep.edge.swarm;

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
 * {@code swarm.cells}, little-endian: u32 layout (1), u32 cells_total, u32 cells_covered, u32 count K,
 * u64 plan_version, then K records of u32 index and f64 min_x, min_y, max_x, max_y (the cell's bounding
 * box in the local frame, metres): the cells this node owns and nobody has covered yet, in plan order, at
 * most {@value #MAX_LISTED} of them (the next ones appear as these are covered).
 */
public final class SwarmEvents {

    public static final String MEMBERS = "swarm.members";
    public static final String COVERED = "swarm.covered";
    public static final String CELLS = "swarm.cells";
    /** Topic prefix on which an agent reports a cell covered: {@code swarm/covered/<node>}, data u32 index. */
    public static final String COVERED_TOPIC_PREFIX = "swarm/covered/";
    public static final int CELLS_LAYOUT = 1;
    /** At most this many open cells are listed per event (the first ones in plan order). */
    public static final int MAX_LISTED = 256;
    private static final int HEADER = 24;
    private static final int RECORD = 36;

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
        int[] all = state.ownedUnfinished();
        // Bounded so that a large plan does not journal a huge event at every change.
        int[] owned = java.util.Arrays.copyOf(all, Math.min(all.length, MAX_LISTED));
        ByteBuffer b = ByteBuffer.allocate(HEADER + RECORD * owned.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(CELLS_LAYOUT).putInt(state.map().size()).putInt(state.coveredCount()).putInt(owned.length)
                .putLong(state.map().version());
        for (int cell : owned) {
            double[] box = state.map().box(cell);
            b.putInt(cell).putDouble(box[0]).putDouble(box[1]).putDouble(box[2]).putDouble(box[3]);
        }
        return b.array();
    }

    /** The cell index an agent reported as covered, or -1 when the data is not one u32. */
    public static int coveredIndex(byte[] data) {
        if (data.length != 4) {
            return -1;
        }
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
}
