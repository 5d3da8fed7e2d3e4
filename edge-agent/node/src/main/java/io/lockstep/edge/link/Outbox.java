package io.lockstep.edge.link;

import com.google.protobuf.InvalidProtocolBufferException;
import io.lockstep.proto.v1.EdgeToC2;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * The persisted outbox of edge messages that C2 must acknowledge (status updates and command acks).
 *
 * <p>Each message gets the next per-node {@code seq} and is fsync'd before {@link #append} returns,
 * so a message the node has decided to send survives a crash. It stays here, and is re-sent after
 * every reconnection, until C2's {@code StatusAck} (or {@code Welcome.last_received_seq}) covers it.
 * Acknowledged entries are compacted away. The outbox is bounded: past {@code maxEntries} the oldest
 * unacknowledged entry is dropped and counted, which C2 sees as a gap in {@code seq}.
 *
 * <p>No message may poison it: free text is cut at {@link #append} ({@link OutboundBounds}), a message
 * still over {@link OutboundBounds#MAX_MESSAGE_BYTES} is refused there (logged and counted, never
 * queued), an oversize entry left by an older version is dropped at load, and an entry C2 refuses for
 * good ({@code StatusAck.refused_seq}) is logged, counted and dropped rather than re-sent forever.
 */
public final class Outbox implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Outbox.class);

    private static final byte ENTRY = 1;
    private static final byte ACK = 2;
    private static final byte BASE = 3;
    private static final byte DROP = 4;
    /** Rewrite the file once this many records describe entries that are gone. */
    private static final int COMPACT_AFTER_STALE_RECORDS = 256;

    private final RecordLog log;
    private final int maxEntries;
    private final NavigableMap<Long, EdgeToC2> pending = new TreeMap<>();
    private long lastSeq;
    private long ackedSeq;
    private long dropped;
    private long unreadable;
    private long oversize;
    private long refused;
    private int staleRecords;

    public Outbox(Path file, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("outbox maxEntries must be >= 1, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
        List<RecordLog.Entry> records = new ArrayList<>();
        this.log = RecordLog.open(file, records);
        if (log.discardedTailBytes() > 0) {
            LOG.warnf("outbox %s: dropped a torn tail of %d bytes left by a crash", file, log.discardedTailBytes());
        }
        for (RecordLog.Entry r : records) {
            replay(r);
        }
        pending.headMap(ackedSeq, true).clear();
        compact();
    }

    private void replay(RecordLog.Entry r) {
        switch (r.type()) {
            case ENTRY -> {
                try {
                    EdgeToC2 msg = EdgeToC2.parseFrom(r.payload());
                    lastSeq = Math.max(lastSeq, msg.getSeq());
                    EdgeToC2 bounded = OutboundBounds.bounded(msg);
                    if (bounded.getSerializedSize() > OutboundBounds.MAX_MESSAGE_BYTES) {
                        oversize++;
                        LOG.warnf("outbox %s: dropped entry seq %d of %d bytes, more than C2 accepts", log.file(),
                                msg.getSeq(), msg.getSerializedSize());
                    } else {
                        pending.put(msg.getSeq(), bounded);
                    }
                } catch (InvalidProtocolBufferException e) {
                    unreadable++;
                    LOG.warnf("outbox %s: skipped an unreadable entry (%s)", log.file(), e.getMessage());
                }
            }
            case ACK -> ackedSeq = Math.max(ackedSeq, readLong(r.payload(), 0));
            case DROP -> {
                if (pending.remove(readLong(r.payload(), 0)) != null) {
                    dropped++;
                }
            }
            case BASE -> {
                lastSeq = Math.max(lastSeq, readLong(r.payload(), 0));
                ackedSeq = Math.max(ackedSeq, readLong(r.payload(), 8));
                dropped = readLong(r.payload(), 16);
            }
            default -> {
                unreadable++;
                LOG.warnf("outbox %s: skipped a record of unknown type %d", log.file(), r.type());
            }
        }
    }

    private static long readLong(byte[] payload, int offset) {
        if (payload.length < offset + 8) {
            return 0;
        }
        return ByteBuffer.wrap(payload).getLong(offset);
    }

    /**
     * Gives {@code message} (its free text bounded) the next seq, persists it durably, and returns it as it
     * will be sent. A message that is still too large for C2 is not queued: it is logged and counted, and
     * the answer carries seq 0 (see {@link #accepted}).
     */
    public synchronized EdgeToC2 append(EdgeToC2 message) {
        EdgeToC2 bounded = OutboundBounds.bounded(message);
        if (bounded.getSerializedSize() > OutboundBounds.MAX_MESSAGE_BYTES) {
            oversize++;
            LOG.errorf("outbox: refused a %s of %d bytes; C2 accepts at most %d, so it could never be delivered",
                    message.getBodyCase(), bounded.getSerializedSize(), OutboundBounds.MAX_MESSAGE_BYTES);
            return bounded.toBuilder().setSeq(0).build();
        }
        long seq = lastSeq + 1;
        EdgeToC2 stamped = bounded.toBuilder().setSeq(seq).build();
        log.append(ENTRY, stamped.toByteArray(), true);
        lastSeq = seq;
        pending.put(seq, stamped);
        while (pending.size() > maxEntries) {
            Map.Entry<Long, EdgeToC2> oldest = pending.pollFirstEntry();
            dropped++;
            staleRecords++;
            log.append(DROP, longBytes(oldest.getKey()), false);
            LOG.warnf("outbox full (%d entries): dropped unacknowledged seq %d", maxEntries, oldest.getKey());
        }
        return stamped;
    }

    /** False for the answer of {@link #append} to a message it refused (it carries seq 0). */
    public static boolean accepted(EdgeToC2 appended) {
        return appended.getSeq() > 0;
    }

    /**
     * C2 consumed entry {@code seq} without applying it and never will (its {@code reason} says why): it is
     * dropped and counted like delivered, not re-sent. The StatusAck that says so also acknowledges it.
     */
    public synchronized void refusedByC2(long seq, String reason) {
        if (seq <= 0 || seq > lastSeq) {
            return;
        }
        refused++;
        EdgeToC2 entry = pending.get(seq);
        LOG.warnf("C2 refused outbox entry seq %d (%s) for good: %s; dropped", seq,
                entry == null ? "already acknowledged" : entry.getBodyCase(),
                OutboundBounds.cut(reason.replaceAll("\\p{Cntrl}", "?"), 512));
    }

    /** C2 has stored every message with seq <= {@code seq}. */
    public synchronized void acknowledge(long seq) {
        if (seq < 0 || seq > OutboundBounds.MAX_SEQ) {
            // uint64 on the wire: a C2 claiming 2^62 or more would make this node's counter overflow.
            LOG.warnf("ignored an acknowledgement of seq %s from C2: out of range", Long.toUnsignedString(seq));
            return;
        }
        if (seq <= ackedSeq) {
            return;
        }
        if (seq > lastSeq) {
            // C2 remembers more than this node does (its data dir was wiped): continue above C2's
            // watermark so that new messages are not mistaken for duplicates.
            LOG.warnf("C2 acknowledged seq %d beyond the last one sent (%d); continuing from it", seq, lastSeq);
            lastSeq = seq;
        }
        NavigableMap<Long, EdgeToC2> done = pending.headMap(seq, true);
        staleRecords += done.size() + 1;
        done.clear();
        ackedSeq = seq;
        log.append(ACK, longBytes(seq), false);
        if (pending.isEmpty() || staleRecords >= COMPACT_AFTER_STALE_RECORDS) {
            compact();
        }
    }

    /** Unacknowledged messages with a seq above {@code seq}, oldest first. */
    public synchronized List<EdgeToC2> pendingAfter(long seq) {
        return new ArrayList<>(pending.tailMap(seq, false).values());
    }

    public synchronized long lastSeq() {
        return lastSeq;
    }

    public synchronized long acknowledgedSeq() {
        return ackedSeq;
    }

    public synchronized int pendingCount() {
        return pending.size();
    }

    /** Entries dropped because the outbox was full, over the node's lifetime. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Messages refused at append, or dropped at load, because they were larger than C2 accepts. */
    public synchronized long oversize() {
        return oversize;
    }

    /** Entries C2 consumed but refused for good ({@code StatusAck.refused_seq}). */
    public synchronized long refusedByC2() {
        return refused;
    }

    /** Records skipped at load because they could not be decoded. */
    public synchronized long unreadable() {
        return unreadable;
    }

    private void compact() {
        List<RecordLog.Entry> entries = new ArrayList<>(pending.size() + 1);
        ByteBuffer base = ByteBuffer.allocate(24).putLong(lastSeq).putLong(ackedSeq).putLong(dropped);
        entries.add(new RecordLog.Entry(BASE, base.array()));
        for (EdgeToC2 msg : pending.values()) {
            entries.add(new RecordLog.Entry(ENTRY, msg.toByteArray()));
        }
        log.rewrite(entries);
        staleRecords = 0;
    }

    private static byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    @Override
    public synchronized void close() {
        log.close();
    }
}
