package io.lockstep.runtime.journal;

import io.lockstep.runtime.JournalException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/** Reads the valid prefix of a journal file; a torn or corrupt tail is reported, never returned as data. */
public final class JournalReader {

    /**
     * @param records    the valid records in file order
     * @param validBytes file offset just after the last valid record
     * @param tornBytes  bytes after it that were ignored (0 for a clean file)
     */
    public record Contents(List<RawRecord> records, long validBytes, long tornBytes) {
    }

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
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(record.payloadLength() + 9);
            while (buf.hasRemaining()) {
                if (ch.read(buf, record.offset() + buf.position()) < 0) {
                    throw new JournalException(file + ": record at offset " + record.offset() + " is gone");
                }
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

    /** @throws JournalException when the file cannot be read or is not a journal */
    public static Contents read(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new JournalException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            byte[] magic = new byte[JournalFormat.MAGIC.length];
            try {
                in.readFully(magic);
            } catch (EOFException e) {
                throw new JournalException(file + " is not a Lockstep journal (too short)");
            }
            if (!Arrays.equals(magic, JournalFormat.MAGIC)) {
                throw new JournalException(file + " is not a Lockstep journal (bad magic)");
            }
            List<RawRecord> records = new ArrayList<>();
            long offset = magic.length;
            while (offset < size) {
                long remaining = size - offset;
                if (remaining < 4 + 1 + 4) {
                    break;
                }
                int length = in.readInt();
                if (length < 1 || length > JournalFormat.MAX_RECORD_BYTES || length + 8L > remaining) {
                    break;
                }
                byte[] body = new byte[length];
                in.readFully(body);
                int stored = in.readInt();
                CRC32C crc = new CRC32C();
                crc.update(body);
                RecordType type = RecordType.of(body[0] & 0xFF);
                if ((int) crc.getValue() != stored || type == null) {
                    break;
                }
                byte[] payload = type == RecordType.SNAPSHOT ? null : Arrays.copyOfRange(body, 1, body.length);
                records.add(new RawRecord(type, payload, offset, length - 1));
                offset += 8L + length;
            }
            return new Contents(List.copyOf(records), offset, size - offset);
        } catch (IOException e) {
            throw new JournalException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
    }
}
