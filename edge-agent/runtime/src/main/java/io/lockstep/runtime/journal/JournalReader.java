package io.lockstep.runtime.journal;

import io.lockstep.runtime.JournalException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads the valid records of a journal file. Only the last, incomplete record may be a torn tail (an append
 * that did not finish), followed by nothing but zeros (see {@link ZeroTail}); it is reported, never returned as
 * data. A bad record anywhere else is corruption and
 * fails with a {@link JournalException} naming its offset (see {@link TornTail} for how the two are told apart).
 */
public final class JournalReader {

    /**
     * @param records    the valid records in file order
     * @param validBytes file offset just after the last valid record
     * @param tornBytes  bytes after it that were ignored (0 for a clean file, and for one that has only zeros
     *                   after its last record: the space a writer that did not close had mapped ahead)
     */
    public record Contents(List<RawRecord> records, long validBytes, long tornBytes) {
    }

    /** How long a reader waits before it looks again at what looked like corruption. */
    private static final long RE_READ_AFTER_MS = 50;
    /** How often one read goes back to a record that a writer finished while it was being read. */
    private static final int MAX_LOOKS_AGAIN = 1_000;

    private JournalReader() {
    }

    /**
     * Reads a record's payload from the file again (for snapshots, which {@link #read} does not keep),
     * verifying its checksum.
     *
     * @throws JournalException when the file changed or cannot be read
     */
    public static byte[] payload(Path file, RawRecord record) {
        if (record.payload() != null) {
            return record.payload();
        }
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer buf = ByteBuffer.allocate(record.payloadLength() + 9);
            if (!readFully(ch, record.offset(), buf)) {
                throw new JournalException(file + ": record at offset " + record.offset() + " is gone");
            }
            byte[] all = buf.array();
            CRC32C crc = new CRC32C();
            crc.update(all, 4, record.payloadLength() + 1);
            if ((int) crc.getValue() != buf.getInt(record.payloadLength() + 5)
                    || (all[4] & 0xFF) != record.type().code()) {
                throw new JournalException(file + ": record at offset " + record.offset() + " changed on disk");
            }
            return Arrays.copyOfRange(all, 5, 5 + record.payloadLength());
        } catch (IOException e) {
            throw new JournalException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @throws JournalException when the file cannot be read, is not a journal, or is corrupt before its last
     *                          record
     */
    public static Contents read(Path file) {
        try {
            return readOnce(file);
        } catch (CorruptJournalException first) {
            // A journal that is being written (the node's own, read by its debug port) may show its last record
            // half-stored: looked at once more a moment later, that record is whole. Real damage stays.
            try {
                Thread.sleep(RE_READ_AFTER_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw first;
            }
            return readOnce(file);
        }
    }

    private static Contents readOnce(Path file) {
        try (FileChannel ch = FileChannel.open(file)) {
            long size = ch.size();
            ByteBuffer magic = ByteBuffer.allocate(JournalFormat.MAGIC.length);
            if (!readFully(ch, 0, magic)) {
                throw new JournalException(file + " is not a Lockstep journal (too short)");
            }
            if (!Arrays.equals(magic.array(), JournalFormat.MAGIC)) {
                throw new JournalException(file + " is not a Lockstep journal (bad magic)");
            }
            List<RawRecord> records = new ArrayList<>();
            long offset = JournalFormat.MAGIC.length;
            int lookAgain = 0;
            ByteBuffer head = ByteBuffer.allocate(4);
            while (offset < size) {
                long remaining = size - offset;
                if (remaining < 4 + 1 + 4) {
                    break;
                }
                head.clear();
                readFully(ch, offset, head);
                int length = head.getInt(0);
                if (length < 1 || length > JournalFormat.MAX_RECORD_BYTES || length + 8L > remaining) {
                    long zeros = ZeroTail.start(ch, offset, size);
                    if (zeros > offset && TornTail.check(file, ch, offset, zeros, size)
                            && lookAgain++ < MAX_LOOKS_AGAIN) {
                        continue;  // a writer stored the record while we looked: read it again
                    }
                    break;
                }
                ByteBuffer body = ByteBuffer.allocate(length + 4);
                readFully(ch, offset + 4, body);
                int stored = body.getInt(length);
                CRC32C crc = new CRC32C();
                crc.update(body.array(), 0, length);
                RecordType type = RecordType.of(body.get(0) & 0xFF);
                if ((int) crc.getValue() != stored || type == null) {
                    // Only zeros may follow a torn record: the rest of a window a crashed writer had mapped.
                    long zeros = ZeroTail.start(ch, offset + 8L + length, size);
                    if (zeros != offset + 8L + length) {
                        throw new CorruptJournalException(file + ": corrupt journal: the "
                                + (type == null ? "" : type + " ")
                                + "record at offset " + offset + " fails its checksum"
                                + (type == null ? " (unknown type " + (body.get(0) & 0xFF) + ")" : "")
                                + " and is not the last record (" + (size - offset - 8L - length)
                                + " bytes follow it)");
                    }
                    break;  // the last record, written incompletely (e.g. zero-filled after a crash): torn
                }
                byte[] payload = type.isSnapshot() ? null : Arrays.copyOfRange(body.array(), 1, length);
                records.add(new RawRecord(type, payload, offset, length - 1));
                offset += 8L + length;
            }
            // Only zeros after the last record: the space a writer that did not close had mapped, nothing torn.
            long torn = offset == size || ZeroTail.start(ch, offset, size) == offset ? 0 : size - offset;
            return new Contents(List.copyOf(records), offset, torn);
        } catch (NoSuchFileException e) {
            throw new JournalException("cannot read journal " + file + ": no such file", e);
        } catch (IOException e) {
            throw new JournalException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Fills {@code buf} from {@code position}; false when the file ends first. */
    static boolean readFully(FileChannel ch, long position, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                return false;
            }
        }
        return true;
    }
}
