package io.lockstep.runtime.journal;

import io.lockstep.runtime.JournalException;
import io.lockstep.runtime.engine.CanonicalInputs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Appends framed, checksummed records. Records are buffered and written to the OS at every
 * {@link #flush()} (once per tick); {@link #sync()} also forces them to the device (at snapshots and close).
 * Between syncs, every {@link #WRITE_BACK_BYTES} written are forced in the background ({@link JournalWriteBack}),
 * so a sync waits for little more than the last records instead of everything since the previous one.
 *
 * <p>A tick's records ({@link #appendInputs}, {@link #appendResult}) are encoded into one reused payload
 * array and framed into a direct buffer, which the channel writes without another copy: journaling a tick
 * allocates no arrays.
 */
public final class JournalWriter implements AutoCloseable {
    /** Bytes written between background forces. */
    static final long WRITE_BACK_BYTES = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
    private final PayloadWriter tickPayload = new PayloadWriter(1 << 13);
    private final CRC32C crc = new CRC32C();
    private final JournalWriteBack writeBack;
    private long notForced;

    private JournalWriter(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
        this.writeBack = new JournalWriteBack(channel, "lockstep-journal-writeback-" + file.getFileName());
    }

    /** Creates a new journal (fails if the file exists) and writes the magic. */
    public static JournalWriter create(Path file) {
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            JournalWriter w = new JournalWriter(file, ch);
            w.ensure(JournalFormat.MAGIC.length);
            w.buffer.put(JournalFormat.MAGIC);
            return w;
        } catch (IOException e) {
            throw new JournalException("cannot create journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens an existing journal for appending after {@code validBytes}, cutting off a torn tail. */
    public static JournalWriter append(Path file, long validBytes) {
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE);
            ch.truncate(validBytes);
            ch.position(validBytes);
            return new JournalWriter(file, ch);
        } catch (IOException e) {
            throw new JournalException("cannot open journal " + file + " for append: " + e.getMessage(), e);
        }
    }

    /** Encodes a tick's canonical inputs as an INPUTS record and appends it. */
    public void appendInputs(CanonicalInputs inputs) {
        JournalCodec.inputs(inputs, tickPayload.reset());
        append(RecordType.INPUTS, tickPayload.array(), tickPayload.size());
    }

    /** Encodes a tick's (or init's) result as a RESULT (or, for tick 0, INIT) record and appends it. */
    public void appendResult(RecordType type, TickRecord result) {
        if (type != RecordType.RESULT && type != RecordType.INIT) {
            throw new IllegalArgumentException(type + " is not a result record");
        }
        JournalCodec.result(result, tickPayload.reset());
        append(type, tickPayload.array(), tickPayload.size());
    }

    public void append(RecordType type, byte[] payload) {
        append(type, payload, payload.length);
    }

    /** Appends a record whose payload is {@code payload[0, size)}. */
    private void append(RecordType type, byte[] payload, int size) {
        int length = size + 1;
        crc.reset();
        crc.update(type.code());
        crc.update(payload, 0, size);
        int checksum = (int) crc.getValue();
        if (length + 8 > buffer.capacity()) {
            // Large records (snapshots) go straight to the file instead of through the buffer.
            flush();
            ByteBuffer head = ByteBuffer.allocate(5).putInt(length).put((byte) type.code()).flip();
            ByteBuffer tail = ByteBuffer.allocate(4).putInt(checksum).flip();
            write(head, ByteBuffer.wrap(payload, 0, size), tail);
            return;
        }
        ensure(length + 8);
        buffer.putInt(length).put((byte) type.code()).put(payload, 0, size).putInt(checksum);
    }

    private void write(ByteBuffer... parts) {
        try {
            for (ByteBuffer part : parts) {
                while (part.hasRemaining()) {
                    notForced += channel.write(part);
                }
            }
            if (notForced >= WRITE_BACK_BYTES) {
                notForced = 0;
                writeBack.request();
            }
        } catch (IOException e) {
            throw new JournalException("cannot write journal " + file + ": " + e.getMessage(), e);
        }
    }

    private void ensure(int bytes) {
        if (buffer.remaining() < bytes) {
            flush();
        }
    }

    /** Writes buffered records to the file. */
    public void flush() {
        buffer.flip();
        try {
            write(buffer);
        } finally {
            buffer.clear();
        }
    }

    /** Flushes and forces the file's content to the storage device. */
    public void sync() {
        flush();
        try {
            notForced = 0;
            channel.force(false);
            IOException background = writeBack.takeFailure();
            if (background != null) {
                throw background;
            }
        } catch (IOException e) {
            throw new JournalException("cannot sync journal " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            writeBack.close();
            sync();
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                throw new JournalException("cannot close journal " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
