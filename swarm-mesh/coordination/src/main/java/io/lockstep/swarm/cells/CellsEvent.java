package io.lockstep.swarm.cells;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The agent-facing side of a cell mission (docs/agent-abi.md, "Swarm cells"), shared by the edge node and
 * the fleet simulator so both hand agents the same bytes and read their reports the same way.
 *
 * <p>{@code swarm.cells}, little-endian: u32 layout (1), u32 cells_total, u32 cells_covered, u32 count K,
 * u64 plan_version, then K records of u32 index and f64 min_x, min_y, max_x, max_y (the cell's bounding box in
 * the local frame, metres): the cells the node owns and nobody has covered yet, in plan order, at most
 * {@value #MAX_LISTED} of them. An agent reports a cell covered by emitting its index (u32) on
 * {@code swarm/covered/<node>}: that report, and nothing else, makes a cell covered.
 */
public final class CellsEvent {

    /** Host event kind the agents subscribe to ({@code lockstep/event/swarm.cells}). */
    public static final String KIND = "swarm.cells";
    /** The subscription topic an agent needs granted to receive the event. */
    public static final String SUBSCRIPTION = "lockstep/event/" + KIND;
    /** Topic prefix on which an agent reports a cell covered: {@code swarm/covered/<node>}, data u32 index. */
    public static final String COVERED_TOPIC_PREFIX = "swarm/covered/";
    public static final int LAYOUT = 1;
    /** At most this many open cells are listed per event (the first ones in plan order). */
    public static final int MAX_LISTED = 256;
    private static final int HEADER = 24;
    private static final int RECORD = 36;

    private CellsEvent() {
    }

    /** Bounding boxes of cells: {@code minX, minY, maxX, maxY} of cell {@code index}, local frame. */
    @FunctionalInterface
    public interface Boxes {
        double[] box(int index);
    }

    /** The event for a node that owns the open cells {@code owned} (plan order); only the first MAX_LISTED go in. */
    public static byte[] encode(int cellsTotal, int cellsCovered, long planVersion, int[] owned, Boxes boxes) {
        int listed = Math.min(owned.length, MAX_LISTED);
        ByteBuffer b = ByteBuffer.allocate(HEADER + RECORD * listed).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(LAYOUT).putInt(cellsTotal).putInt(cellsCovered).putInt(listed).putLong(planVersion);
        for (int i = 0; i < listed; i++) {
            double[] box = boxes.box(owned[i]);
            b.putInt(owned[i]).putDouble(box[0]).putDouble(box[1]).putDouble(box[2]).putDouble(box[3]);
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

    /** Whether an emitted message on {@code topic} is a coverage report. */
    public static boolean isCoveredReport(String topic) {
        return topic.startsWith(COVERED_TOPIC_PREFIX);
    }
}
