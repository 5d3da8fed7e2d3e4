package io.lockstep.edge.link;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The status version the node stamps on every StatusUpdate (C2 refuses an update whose version is not
 * above the last one it applied for that mission and node). One counter for the whole node, so it grows
 * within every (mission, node) pair too, and it survives restarts: the node reserves versions in blocks
 * and persists the end of the reserved block before handing out its first version, so after a crash it
 * continues above anything it may have sent (skipping the rest of the block, never reusing one).
 */
public final class StatusVersions implements AutoCloseable {

    static final long BLOCK = 1024;
    private static final byte RESERVED = 1;

    private final RecordLog log;
    private long next;
    private long reservedUpTo;

    public StatusVersions(Path file) {
        List<RecordLog.Entry> records = new ArrayList<>();
        this.log = RecordLog.open(file, records);
        long stored = 0;
        for (RecordLog.Entry entry : records) {
            if (entry.type() == RESERVED && entry.payload().length == Long.BYTES) {
                stored = Math.max(stored, ByteBuffer.wrap(entry.payload()).getLong());
            }
        }
        this.reservedUpTo = stored;
        this.next = stored + 1;
    }

    /** The next version: above every version this node ever handed out, here or before a restart. */
    public synchronized long next() {
        if (next > reservedUpTo) {
            long end = next + BLOCK - 1;
            log.rewrite(List.of(new RecordLog.Entry(RESERVED, ByteBuffer.allocate(Long.BYTES).putLong(end).array())));
            reservedUpTo = end;
        }
        return next++;
    }

    @Override
    public synchronized void close() {
        log.close();
    }
}
