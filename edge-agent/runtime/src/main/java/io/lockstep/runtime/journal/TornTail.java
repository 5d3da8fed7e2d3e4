package io.lockstep.runtime.journal;

import io.lockstep.runtime.JournalException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Tells a torn tail from corruption when a record's length field runs past the end of the file. The writer
 * appends each record with one {@code write}, so a torn tail is a prefix of a single record: it is never
 * longer than the largest record, and no complete record follows it. A length field damaged in the middle of
 * a journal looks the same at first, but the records after it are still there: when, from some offset after
 * the suspect one, a chain of records with valid checksums reaches exactly the end of the file, the journal
 * is corrupt, not torn. (Requiring the chain to end exactly at the end of the file keeps bytes inside a torn
 * record, which an agent may control through its memory, from passing for records.)
 */
final class TornTail {
    private TornTail() {
    }

    /**
     * @param offset where the suspect record starts
     * @throws JournalException when the bytes from {@code offset} on are not a torn last record
     */
    static void check(Path file, FileChannel ch, long offset, long size) throws IOException {
        long tail = size - offset;
        if (tail > JournalFormat.MAX_RECORD_BYTES + 8L) {
            throw corrupt(file, offset, "its length field is invalid and " + tail
                    + " bytes follow, more than any one record");
        }
        MappedByteBuffer bytes = ch.map(FileChannel.MapMode.READ_ONLY, offset, tail);
        for (int p = 1; p + 9 <= tail; p++) {
            if (chainReachesEnd(bytes, p)) {
                throw corrupt(file, offset, "its length field is invalid, but a valid record follows at offset "
                        + (offset + p));
            }
        }
    }

    private static boolean chainReachesEnd(ByteBuffer bytes, int from) {
        int p = from;
        int end = bytes.limit();
        while (p != end) {
            if (end - p < 9 || !validRecordAt(bytes, p)) {
                return false;
            }
            p += 8 + bytes.getInt(p);
        }
        return true;
    }

    private static boolean validRecordAt(ByteBuffer bytes, int p) {
        int length = bytes.getInt(p);
        if (length < 1 || RecordType.of(bytes.get(p + 4) & 0xFF) == null || length + 8L > bytes.limit() - p) {
            return false;
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes.duplicate().position(p + 4).limit(p + 4 + length));
        return (int) crc.getValue() == bytes.getInt(p + 4 + length);
    }

    private static JournalException corrupt(Path file, long offset, String why) {
        return new JournalException(file + ": corrupt journal at offset " + offset + ": the record there is not the"
                + " last one; " + why);
    }
}
