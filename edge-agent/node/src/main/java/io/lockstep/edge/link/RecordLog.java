package io.lockstep.edge.link;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32;

/**
 * An append-only file of framed records: {@code [u8 type][u32 length][u32 crc32][payload]}.
 *
 * <p>A crash can leave a half-written record at the end of the file; {@link #open} keeps every
 * record up to the last one whose frame and checksum are intact and truncates the rest, so a torn
 * write never poisons the records before it. {@link #rewrite} replaces the whole file atomically
 * (write a sibling, fsync, rename), which is how callers compact.
 */
final class RecordLog implements AutoCloseable {

    /** One record as read back from the file. */
    record Entry(byte type, byte[] payload) {
    }

    private static final int HEADER_BYTES = 9;
    /** Guards against a corrupt length field asking for a huge allocation. */
    static final int MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

    private final Path file;
    private FileChannel channel;
    /** End of the last complete record: where the next one goes, and where a torn write is cut back to. */
    private long end;
    private long discardedTailBytes;

    private RecordLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens (creating if needed) the log and returns it together with its intact records. */
    static RecordLog open(Path file, List<Entry> recovered) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            RecordLog log = new RecordLog(file, channel);
            long validEnd = log.readAll(recovered);
            long size = channel.size();
            if (validEnd < size) {
                log.discardedTailBytes = size - validEnd;
                channel.truncate(validEnd);
                channel.force(true);
            }
            channel.position(validEnd);
            log.end = validEnd;
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open record log " + file, e);
        }
    }

    /** Bytes of a torn or corrupt tail that {@link #open} dropped; 0 after a clean shutdown. */
    long discardedTailBytes() {
        return discardedTailBytes;
    }

    Path file() {
        return file;
    }

    private long readAll(List<Entry> out) throws IOException {
        long size = channel.size();
        long pos = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        while (pos + HEADER_BYTES <= size) {
            header.clear();
            channel.read(header, pos);
            header.flip();
            byte type = header.get();
            int length = header.getInt();
            int crc = header.getInt();
            if (length < 0 || length > MAX_PAYLOAD_BYTES || pos + HEADER_BYTES + length > size) {
                break;
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            channel.read(payload, pos + HEADER_BYTES);
            if (crc != checksum(type, payload.array())) {
                break;
            }
            out.add(new Entry(type, payload.array()));
            pos += HEADER_BYTES + length;
        }
        return pos;
    }

    /** Appends one record; with {@code sync} the call returns only once it is on stable storage. */
    void append(byte type, byte[] payload, boolean sync) {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("record of " + payload.length + " bytes exceeds " + MAX_PAYLOAD_BYTES);
        }
        ByteBuffer record = frame(type, payload);
        try {
            writeFully(record, sync);
        } catch (ClosedChannelException e) {
            // An interrupted caller closes the channel for everyone (ClosedByInterruptException):
            // reopen and retry once, keeping the caller's interrupt status.
            boolean interrupted = Thread.interrupted();
            try {
                reopen();
                record.rewind();
                writeFully(record, sync);
            } catch (IOException retry) {
                throw new UncheckedIOException("cannot append to " + file, retry);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    private void writeFully(ByteBuffer record, boolean sync) throws IOException {
        long position = end;
        while (record.hasRemaining()) {
            position += channel.write(record, position);
        }
        if (sync) {
            channel.force(false);
        }
        end = position;
    }

    private void reopen() throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        // A write cut short by the interrupt may have left part of a record: drop it.
        channel.truncate(end);
    }

    void sync() {
        try {
            channel.force(false);
        } catch (ClosedChannelException e) {
            try {
                reopen();
                channel.force(false);
            } catch (IOException retry) {
                throw new UncheckedIOException("cannot sync " + file, retry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync " + file, e);
        }
    }

    /** Atomically replaces the file's content with {@code entries}. */
    void rewrite(List<Entry> entries) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (Entry e : entries) {
                out.write(frame(e.type(), e.payload()));
            }
            out.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + tmp, e);
        }
        try {
            channel.close();
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(file.toAbsolutePath().getParent());
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            end = channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + file, e);
        }
    }

    private static ByteBuffer frame(byte type, byte[] payload) {
        ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        buf.put(type).putInt(payload.length).putInt(checksum(type, payload)).put(payload);
        buf.flip();
        return buf;
    }

    private static int checksum(byte type, byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(payload);
        return (int) crc.getValue();
    }

    /** Makes a rename durable; some file systems refuse to open a directory, which is harmless. */
    static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Not supported on this platform: the rename is still atomic, only its durability is weaker.
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
