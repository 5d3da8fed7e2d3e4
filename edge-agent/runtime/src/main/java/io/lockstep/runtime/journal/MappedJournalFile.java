package io.lockstep.runtime.journal;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.TreeMap;

/**
 * A journal file appended to through memory-mapped windows: an append is a copy into the file's pages in the
 * OS page cache, not a {@code write} system call, and is in the file for any reader, and for a crash of this
 * process, as soon as it returns (the same guarantee a {@code write} gives). The file grows a window at a time,
 * so past the last append it holds zeros; {@link #close} cuts it back to what was appended, and after a crash
 * {@link JournalReader} reads the zeros as unused space (resume cuts them off).
 *
 * <p>The first store to a fresh page costs a page fault in which the file system reserves the block: about as
 * much as the {@code write} it replaces. {@link #touchAhead} takes those faults on another thread before the
 * writer gets there. It stores into each page with a compare-and-set of zero to zero, which can never replace a
 * byte the writer has stored, so the two threads need no lock between them.
 *
 * <p>Appends come from one thread; {@link #touchAhead} from one other; {@link #force} from either. Each record
 * is stored body first and length last ({@link #appendRecord}), so that a reader of the live file never sees a
 * record's later bytes without its length.
 */
final class MappedJournalFile {
    /** Bytes mapped at a time; also the most zeros a crashed writer leaves past its last record. */
    static final int WINDOW_BYTES = 8 << 20;
    static final int PAGE_BYTES = 4096;
    private static final VarHandle WORD = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final FileChannel channel;
    /** Mapped windows by index (window i maps [i * WINDOW_BYTES, (i + 1) * WINDOW_BYTES)); guarded by this. */
    private final TreeMap<Long, MappedByteBuffer> windows = new TreeMap<>();
    private final Object forceLock = new Object();
    private long forced;          // guarded by forceLock: everything before it is on the device
    private final byte[] scratch = new byte[4];
    private MappedByteBuffer current;
    private long currentIndex = -1;
    private long position;        // the writer's
    private volatile long appended;
    private long touched;         // the toucher's

    /**
     * @param channel  opened for reading and writing
     * @param position where appends start (the file's valid length)
     */
    MappedJournalFile(FileChannel channel, long position) {
        this.channel = channel;
        this.position = position;
        this.appended = position;
        this.touched = position;
        this.forced = position;
    }

    /**
     * Appends one framed record ({@code u32 length | u8 type | payload | u32 crc}): everything after the length
     * first, then the length. A reader of the file while it is being written (the node's debug port, a journal
     * upload) copies it front to back, so it sees the record whole, or a length of zero where the record starts,
     * which reads as the end; never a record whose head is there before its body (a memory copy may store the
     * end of what it copies first).
     */
    void appendRecord(int type, byte[] payload, int size, int checksum) throws IOException {
        long start = position;
        position = start + 4;
        scratch[0] = (byte) type;
        copy(scratch, 0, 1);
        copy(payload, 0, size);
        copyInt(checksum);
        VarHandle.releaseFence();  // the body is stored before the length that makes it a record
        storeLength(start, size + 1);
        appended = position;
    }

    /** Stores a record's length field at {@code at}: one 4-byte store unless it crosses into the next window. */
    private void storeLength(long at, int length) throws IOException {
        int inWindow = (int) (at % WINDOW_BYTES);
        if (inWindow + 4 <= WINDOW_BYTES) {
            long index = at / WINDOW_BYTES;
            try {
                (index == currentIndex ? current : window(index)).putInt(inWindow, length);
            } catch (InternalError e) {
                throw unbacked(at, e);
            }
            return;
        }
        long end = position;
        position = at;
        copyInt(length);
        position = end;
    }

    /** Copies {@code value} big-endian to the position, across windows, and moves past it. */
    private void copyInt(int value) throws IOException {
        scratch[0] = (byte) (value >>> 24);
        scratch[1] = (byte) (value >>> 16);
        scratch[2] = (byte) (value >>> 8);
        scratch[3] = (byte) value;
        copy(scratch, 0, 4);
    }

    /** HotSpot's report of a fault in a mapped page: the file system could not back it (disk full). */
    private static IOException unbacked(long offset, InternalError e) {
        return new IOException("the file system could not store the page at offset " + offset + " (disk full?)", e);
    }

    /** Appends {@code bytes[offset, offset + length)} as they are (the magic at the start of a new journal). */
    void appendRaw(byte[] bytes, int offset, int length) throws IOException {
        copy(bytes, offset, length);
        appended = position;
    }

    /** Copies {@code src[offset, offset + length)} to the position, across windows, and moves past it. */
    private void copy(byte[] src, int offset, int length) throws IOException {
        while (length > 0) {
            long index = position / WINDOW_BYTES;
            if (index != currentIndex) {
                current = window(index);
                currentIndex = index;
            }
            int at = (int) (position % WINDOW_BYTES);
            int n = Math.min(length, WINDOW_BYTES - at);
            try {
                current.put(at, src, offset, n);
            } catch (InternalError e) {
                throw unbacked(position, e);
            }
            offset += n;
            length -= n;
            position += n;
        }
    }

    /** Bytes in the file that were appended (the writer's position). */
    long appended() {
        return appended;
    }

    /** Takes the page faults of the {@code distance} bytes after the last append, where not taken yet. */
    void touchAhead(long distance) throws IOException {
        long end = appended;
        long page = Math.max(touched, (end + PAGE_BYTES - 1) / PAGE_BYTES * PAGE_BYTES);
        for (; page < end + distance; page += PAGE_BYTES) {
            MappedByteBuffer w = window(page / WINDOW_BYTES);
            try {
                WORD.compareAndSet(w, (int) (page % WINDOW_BYTES), 0L, 0L);
            } catch (InternalError e) {
                throw unbacked(page, e);
            }
        }
        touched = page;
    }

    /** Where the forced part of the file ends. */
    long forcedUpTo() {
        synchronized (forceLock) {
            return forced;
        }
    }

    /** Forces everything appended before {@code to} to the device and returns when it is there. */
    void force(long to) throws IOException {
        synchronized (forceLock) {
            for (long index = forced / WINDOW_BYTES; index * WINDOW_BYTES < to; index++) {
                long base = index * WINDOW_BYTES;
                int from = (int) Math.max(0, forced - base);
                int until = (int) Math.min(WINDOW_BYTES, to - base);
                if (until > from) {
                    window(index).force(from, until - from);
                }
            }
            forced = Math.max(forced, to);
            release(forced / WINDOW_BYTES);
        }
    }

    /** Forces everything appended, cuts the file back to it (dropping the zeros past it) and forces that too. */
    void close() throws IOException {
        force(position);
        channel.truncate(position);
        channel.force(true);
    }

    private synchronized MappedByteBuffer window(long index) throws IOException {
        MappedByteBuffer w = windows.get(index);
        if (w == null) {
            // Mapping past the end of the file extends it (with zeros).
            w = channel.map(FileChannel.MapMode.READ_WRITE, index * WINDOW_BYTES, WINDOW_BYTES);
            windows.put(index, w);
        }
        return w;
    }

    /** Lets go of the windows before {@code index} (written and forced): the JVM unmaps them when collected. */
    private synchronized void release(long index) {
        windows.headMap(index).clear();
    }
}
