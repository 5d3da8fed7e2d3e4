package io.lockstep.edge.swarm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The covered cells of a mission as gossiped between nodes: magic {@code LSCV}, format 1, the plan
 * version (u64), the cell count (u32), then a bitmap of {@code ceil(count / 8)} bytes, cell i at bit
 * {@code i % 8} of byte {@code i / 8}. Merging is a union, so applying a message twice changes nothing.
 */
public final class CoverageCodec {

    private static final byte[] MAGIC = {'L', 'S', 'C', 'V'};
    private static final int FORMAT = 1;
    private static final int HEADER = 4 + 1 + 8 + 4;
    /** Largest valid message (a full-size plan): anything longer is refused unread. */
    public static final int MAX_BYTES = HEADER + CellMap.MAX_CELLS / 8;

    private CoverageCodec() {
    }

    public static byte[] encode(long planVersion, int cellCount, BitSet covered) {
        byte[] bitmap = new byte[(cellCount + 7) / 8];
        byte[] raw = covered.toByteArray();
        System.arraycopy(raw, 0, bitmap, 0, Math.min(raw.length, bitmap.length));
        return ByteBuffer.allocate(HEADER + bitmap.length).order(ByteOrder.LITTLE_ENDIAN).put(MAGIC)
                .put((byte) FORMAT).putLong(planVersion).putInt(cellCount).put(bitmap).array();
    }

    /**
     * The covered cells of a message about the plan {@code planVersion} of {@code cellCount} cells.
     *
     * @throws MalformedSwarmMessageException when the message is not one, is for another plan, or has bits
     *         set beyond the plan
     */
    public static List<Integer> decode(byte[] data, long planVersion, int cellCount)
            throws MalformedSwarmMessageException {
        if (data == null || data.length < HEADER || data.length > MAX_BYTES) {
            throw new MalformedSwarmMessageException("coverage message of " + (data == null ? 0 : data.length)
                    + " bytes (valid: " + HEADER + ".." + MAX_BYTES + ")");
        }
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        for (byte b : MAGIC) {
            if (in.get() != b) {
                throw new MalformedSwarmMessageException("coverage message without its magic");
            }
        }
        int format = in.get();
        if (format != FORMAT) {
            throw new MalformedSwarmMessageException("coverage format " + format + " (expected " + FORMAT + ")");
        }
        long version = in.getLong();
        int count = in.getInt();
        if (version != planVersion || count != cellCount) {
            throw new MalformedSwarmMessageException("coverage of plan v" + version + " with " + count
                    + " cells, this node runs v" + planVersion + " with " + cellCount);
        }
        if (in.remaining() != (cellCount + 7) / 8) {
            throw new MalformedSwarmMessageException("coverage bitmap of " + in.remaining() + " bytes for "
                    + cellCount + " cells");
        }
        byte[] bitmap = new byte[in.remaining()];
        in.get(bitmap);
        BitSet bits = BitSet.valueOf(bitmap);
        if (bits.length() > cellCount) {
            throw new MalformedSwarmMessageException("coverage names cell " + (bits.length() - 1)
                    + " of a " + cellCount + "-cell plan");
        }
        List<Integer> cells = new ArrayList<>();
        bits.stream().forEach(cells::add);
        return cells;
    }
}
