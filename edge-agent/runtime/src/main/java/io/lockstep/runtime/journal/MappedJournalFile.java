package io.lockstep.runtime.journal;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
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
 * <p>Appends come from one thread; {@link #touchAhead} from one other; {@link #force} from either.
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

    /** Appends {@code src}'s remaining bytes. */
    void append(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            long index = position / WINDOW_BYTES;
            if (index != currentIndex) {
                current = window(index);
                currentIndex = index;
            }
            int at = (int) (position % WINDOW_BYTES);
            int n = Math.min(src.remaining(), WINDOW_BYTES - at);
            try {
                current.put(at, src, src.position(), n);
            } catch (InternalError e) {
                // HotSpot's report of a fault in a mapped page: the file system could not back it (disk full).
                throw new IOException("the file system could not store the page at offset " + position
                        + " (disk full?)", e);
            }
            src.position(src.position() + n);
            position += n;
        }
        appended = position;
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
                throw new IOException("the file system could not store the page at offset " + page
                        + " (disk full?)", e);
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
