package io.lockstep.runtime.journal;

import io.lockstep.runtime.JournalException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Tells a torn tail from corruption when a record's length field runs past the end of the file. The writer
 * appends one record at a time, so a torn tail is part of a single record (followed by nothing but the zeros
 * of the space the writer had mapped, {@link ZeroTail}): it is never longer than the largest record, and no
 * complete record follows it. A length field damaged in the middle
 * of a journal looks the same at first, but the records after it are still there: when, from some offset
 * after the suspect one, a chain of records with valid checksums reaches exactly the end of the written data
 * (the end of the file, or into the zeros after it), the journal is corrupt, not torn. (Requiring the chain
 * to end there keeps bytes inside a torn record, which an agent may control through its memory, from passing
 * for records.)
 */
final class TornTail {
    private TornTail() {
    }

    /**
     * @param offset where the suspect record starts
     * @param zeros  where the zeros at the end of the file start ({@link ZeroTail}; {@code size} when none): a
     *               chain of records that ends anywhere from there on reaches the end of the written data
     * @return true when the suspect record is whole now: a writer finished it after the reader looked at its
     *         length (read it again); false when it is a torn last record
     * @throws JournalException when the bytes from {@code offset} on are not a torn last record
     */
    static boolean check(Path file, FileChannel ch, long offset, long zeros, long size) throws IOException {
        long tail = zeros - offset;
        if (tail > JournalFormat.MAX_RECORD_BYTES + 8L) {
            throw corrupt(file, offset, "its length field is invalid and " + tail
                    + " bytes follow, more than any one record");
        }
        MappedByteBuffer bytes = ch.map(FileChannel.MapMode.READ_ONLY, offset,
                Math.min(size - offset, Integer.MAX_VALUE));
        int end = bytes.capacity();
        // The file may be a live journal: between the reader's look at the length and now, the writer may have
        // stored it (body first, length last). Then the record and those after it are simply there.
        if (next(bytes, 0, end) > 0 && checksumMatches(bytes, 0, bytes.getInt(0))) {
            return true;
        }
        int data = (int) tail;
        // Backwards, by structure alone (length and type, no checksum): from which offsets does a chain of
        // records reach the end of the data (into the zeros after it, if any)? Linear in the tail, whatever
        // its bytes. No record starts in the zeros (a length of 0 is invalid).
        BitSet reaches = new BitSet(data);
        for (int p = Math.min(data - 1, end - 9); p >= 1; p--) {
            int next = next(bytes, p, end);
            if (next >= data || (next > 0 && reaches.get(next))) {
                reaches.set(p);
            }
        }
        // Forwards, verifying checksums along those chains; each record is checksummed at most once, within
        // a budget so that bytes an agent controls cannot make reading slow.
        BitSet good = new BitSet(data);
        BitSet bad = new BitSet(data);
        long budget = 8L * tail + (64L << 20);
        for (int p = reaches.nextSetBit(1); p >= 0; p = reaches.nextSetBit(p + 1)) {
            List<Integer> path = new ArrayList<>();
            int q = p;
            boolean ok;
            while (true) {
                if (q >= data || good.get(q)) {
                    ok = true;
                    break;
                }
                if (bad.get(q)) {
                    ok = false;
                    break;
                }
                int length = bytes.getInt(q);
                budget -= length;
                if (budget < 0) {
                    throw corrupt(file, offset, "its length field is invalid and the records after it cannot be"
                            + " checked within the scan budget");
                }
                path.add(q);
                if (!checksumMatches(bytes, q, length)) {
                    ok = false;
                    break;
                }
                q = q + 8 + length;
            }
            for (int r : path) {
                (ok ? good : bad).set(r);
            }
            if (ok) {
                throw corrupt(file, offset, "its length field is invalid, but a valid record follows at offset "
                        + (offset + p));
            }
        }
        return false;
    }

    /** The offset after a structurally plausible record at {@code p} (valid type, fits), or -1. */
    private static int next(ByteBuffer bytes, int p, int end) {
        int length = bytes.getInt(p);
        if (length < 1 || RecordType.of(bytes.get(p + 4) & 0xFF) == null || length + 8L > end - p) {
            return -1;
        }
        return p + 8 + length;
    }

    private static boolean checksumMatches(ByteBuffer bytes, int p, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes.duplicate().position(p + 4).limit(p + 4 + length));
        return (int) crc.getValue() == bytes.getInt(p + 4 + length);
    }

    private static JournalException corrupt(Path file, long offset, String why) {
        return new CorruptJournalException(file + ": corrupt journal at offset " + offset
                + ": the record there is not the"
                + " last one; " + why);
    }
}
