package io.lockstep.swarm.codec;

import io.lockstep.swarm.allocation.NodeIds;
import io.lockstep.swarm.cells.CellPlan;
import io.lockstep.swarm.coverage.CoverageMessage;
import io.lockstep.swarm.coverage.CoverageSet;
import java.nio.charset.StandardCharsets;

/**
 * Coverage message wire format, version 1 (big-endian):
 * <pre>
 *   "LSCV" u8 version=1
 *   u8 len, sender node id UTF-8 (1..128)
 *   u8 len, mission id UTF-8 (1..128)      i64 plan version (&gt;= 0)      varint cell count (0..65536)
 *   i32 working cell (-1 or 0..count-1)
 *   u8 encoding:
 *     0 = bitmap: ceil(count / 8) bytes, cell i is bit (i mod 8) of byte (i / 8); bits past count are 0
 *     1 = ranges: varint range count, then per range varint gap, varint length (&gt;= 1); the first range
 *         starts at its gap, each next one at previous end + gap, gap &gt;= 1 (touching ranges are merged)
 * </pre>
 * The encoder writes whichever encoding is shorter (bitmap on a tie); the decoder accepts both, refuses
 * anything else (trailing bytes, ranges past the count, non-minimal varints) and caps the whole message
 * at {@link Limits#MAX_COVERAGE_BYTES}.
 */
public final class CoverageCodec {

    static final byte[] MAGIC = "LSCV".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    static final int BITMAP = 0;
    static final int RANGES = 1;

    private CoverageCodec() {
    }

    public static byte[] encode(CoverageMessage message) {
        CoverageSet set = message.coverage();
        WireWriter w = new WireWriter().bytes(MAGIC).u8(VERSION).text(message.senderId()).text(set.missionId())
                .i64(set.planVersion()).varint(set.cellCount()).i32(message.workingCell());
        byte[] bitmap = bitmap(set);
        byte[] ranges = ranges(set);
        if (ranges.length < bitmap.length) {
            w.u8(RANGES).bytes(ranges);
        } else {
            w.u8(BITMAP).bytes(bitmap);
        }
        return w.toByteArray();
    }

    /** The sender-independent bytes the coverage digest is taken over: mission, version, count, bitmap. */
    public static byte[] canonicalBytes(CoverageSet set) {
        return new WireWriter().text(set.missionId()).i64(set.planVersion()).i32(set.cellCount())
                .bytes(bitmap(set)).toByteArray();
    }

    public static CoverageMessage decode(byte[] data) throws MalformedMessageException {
        WireReader r = WireReader.open(data, Limits.MAX_COVERAGE_BYTES, MAGIC, VERSION, "coverage message");
        String sender = r.text(NodeIds.MAX_BYTES, "sender id");
        try {
            NodeIds.require(sender);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("sender id: " + e.getMessage());
        }
        String missionId = r.text(Limits.MAX_MISSION_ID_BYTES, "mission id");
        long planVersion = r.i64("plan version");
        if (planVersion < 0) {
            throw new MalformedMessageException("negative plan version");
        }
        int count = r.varint("cell count");
        if (count > CellPlan.MAX_CELLS) {
            throw new MalformedMessageException("cell count " + count + " exceeds " + CellPlan.MAX_CELLS);
        }
        int working = r.i32("working cell");
        if (working < -1 || working >= count) {
            throw new MalformedMessageException("working cell " + working + " outside the plan");
        }
        int encoding = r.u8("encoding");
        long[] words = new long[(count + 63) >>> 6];
        if (encoding == BITMAP) {
            byte[] bitmap = r.bytes((count + 7) >>> 3, "bitmap");
            for (int i = 0; i < bitmap.length; i++) {
                words[i >>> 3] |= (bitmap[i] & 0xFFL) << ((i & 7) * 8);
            }
            if ((count & 7) != 0 && (bitmap[bitmap.length - 1] & 0xFF) >>> (count & 7) != 0) {
                throw new MalformedMessageException("bitmap has bits past the cell count");
            }
        } else if (encoding == RANGES) {
            int ranges = r.varint("range count");
            if (ranges > (count + 1) / 2) {
                throw new MalformedMessageException("range count " + ranges + " impossible for " + count + " cells");
            }
            long next = 0;
            for (int i = 0; i < ranges; i++) {
                int gap = r.varint("range gap");
                int length = r.varint("range length");
                if ((i > 0 && gap == 0) || length == 0) {
                    throw new MalformedMessageException("range " + i + " is empty or touches the previous one");
                }
                long start = next + gap;
                long end = start + length;
                if (end > count) {
                    throw new MalformedMessageException("range " + i + " ends past the cell count");
                }
                for (long c = start; c < end; c++) {
                    words[(int) (c >>> 6)] |= 1L << (c & 63);
                }
                next = end;
            }
        } else {
            throw new MalformedMessageException("unknown coverage encoding " + encoding);
        }
        r.expectEnd("coverage message");
        try {
            return new CoverageMessage(sender, working, CoverageSet.fromWords(missionId, planVersion, count, words));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(e.getMessage());
        }
    }

    private static byte[] bitmap(CoverageSet set) {
        long[] words = set.words();
        byte[] out = new byte[(set.cellCount() + 7) >>> 3];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (words[i >>> 3] >>> ((i & 7) * 8));
        }
        return out;
    }

    private static byte[] ranges(CoverageSet set) {
        WireWriter body = new WireWriter();
        int count = 0;
        int previousEnd = 0;
        int cell = 0;
        int n = set.cellCount();
        WireWriter pairs = new WireWriter();
        while (cell < n) {
            if (!set.contains(cell)) {
                cell++;
                continue;
            }
            int start = cell;
            while (cell < n && set.contains(cell)) {
                cell++;
            }
            pairs.varint(start - previousEnd).varint(cell - start);
            previousEnd = cell;
            count++;
        }
        return body.varint(count).bytes(pairs.toByteArray()).toByteArray();
    }
}
