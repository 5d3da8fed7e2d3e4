package io.lockstep.runtime.journal;

import io.lockstep.runtime.JournalException;
import io.lockstep.runtime.engine.CanonicalInputs;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Appends framed, checksummed records to the file through a memory mapping ({@link MappedJournalFile}): each
 * record is copied into the OS page cache as it is appended (body first, length last), instead of a
 * {@code write} system call, with the same guarantee. {@link #sync()} also forces them to the device (at
 * snapshots and close). A background thread ({@link JournalWriteBack}) takes the page faults of the next
 * {@link #TOUCH_AHEAD_BYTES} before the writer gets there, and forces every {@link #WRITE_BACK_BYTES} written,
 * so a sync waits for little more than the last records instead of everything since the previous one.
 *
 * <p>A tick's records ({@link #appendInputs}, {@link #appendResult}) are encoded into one reused payload
 * array, which is copied into the mapping: journaling a tick allocates no arrays and makes no system call.
 */
public final class JournalWriter implements AutoCloseable {
    /**
     * Bytes written between background forces: small, so that the force at a snapshot has little more than
     * the snapshot itself to write.
     */
    static final long WRITE_BACK_BYTES = 256 << 10;
    /**
     * Bytes past the last append whose pages the background thread faults in ahead of the writer: more than
     * a snapshot of 100 survey agents (about 0.9 MB), so that a snapshot, too, is copied into pages that are
     * ready.
     */
    static final long TOUCH_AHEAD_BYTES = 2 << 20;
    /** Bytes appended between requests for background work (an eighth of the distance touched ahead). */
    private static final long REQUEST_EVERY_BYTES = TOUCH_AHEAD_BYTES / 8;

    private final Path file;
    private final FileChannel channel;
    private final MappedJournalFile mapped;
    private final PayloadWriter tickPayload = new PayloadWriter(1 << 13);
    private final CRC32C crc = new CRC32C();
    private final JournalWriteBack writeBack;
    private long nextRequest;

    private JournalWriter(Path file, FileChannel channel, long position) {
        this.file = file;
        this.channel = channel;
        this.mapped = new MappedJournalFile(channel, position);
        this.writeBack = new JournalWriteBack(this::backgroundWork,
                "lockstep-journal-writeback-" + file.getFileName());
        this.nextRequest = position + REQUEST_EVERY_BYTES;
        writeBack.request();
    }

    /** One round on the background thread: fault in the pages ahead, force what has gathered. */
    private void backgroundWork() throws IOException {
        mapped.touchAhead(TOUCH_AHEAD_BYTES);
        long appended = mapped.appended();
        if (appended - mapped.forcedUpTo() >= WRITE_BACK_BYTES) {
            mapped.force(appended);
        }
    }

    /** Creates a new journal (fails if the file exists) and writes the magic. */
    public static JournalWriter create(Path file) {
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            JournalWriter w = new JournalWriter(file, ch, 0);
            w.mapped.appendRaw(JournalFormat.MAGIC, 0, JournalFormat.MAGIC.length);
            return w;
        } catch (IOException e) {
            throw new JournalException("cannot create journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens an existing journal for appending after {@code validBytes}, cutting off a torn tail. */
    public static JournalWriter append(Path file, long validBytes) {
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            ch.truncate(validBytes);
            return new JournalWriter(file, ch, validBytes);
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

    /** Appends a record whose payload is {@code payload[0, size)}; it is in the file when this returns. */
    private void append(RecordType type, byte[] payload, int size) {
        crc.reset();
        crc.update(type.code());
        crc.update(payload, 0, size);
        try {
            mapped.appendRecord(type.code(), payload, size, (int) crc.getValue());
        } catch (IOException e) {
            throw new JournalException("cannot write journal " + file + ": " + e.getMessage(), e);
        }
        if (mapped.appended() >= nextRequest) {
            nextRequest = mapped.appended() + REQUEST_EVERY_BYTES;
            writeBack.request();
        }
    }

    /** Forces the file's content to the storage device. */
    public void sync() {
        try {
            mapped.force(mapped.appended());
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
            mapped.close();
        } catch (IOException e) {
            throw new JournalException("cannot close journal " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                throw new JournalException("cannot close journal " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
