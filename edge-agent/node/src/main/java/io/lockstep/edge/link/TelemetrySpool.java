package io.lockstep.edge.link;

import com.google.protobuf.InvalidProtocolBufferException;
import io.lockstep.proto.v1.Telemetry;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Telemetry recorded while the link to C2 is down, kept on disk so that it survives a restart and
 * delivered oldest first once the link is back.
 *
 * <p>Bounded: past {@code maxEntries} the oldest sample is dropped and counted (telemetry is
 * best-effort; status updates, which must not be lost, go through the {@link Outbox}). Samples are
 * not fsync'd one by one, only every {@code SYNC_EVERY} samples, because losing the last few
 * samples in a power cut is acceptable and 10 fsyncs a second are not free on flash storage.
 */
public final class TelemetrySpool implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TelemetrySpool.class);
    private static final byte SAMPLE = 1;
    private static final int SYNC_EVERY = 50;

    private final RecordLog log;
    private final int maxEntries;
    private final Deque<Telemetry> samples = new ArrayDeque<>();
    private long dropped;
    private int unsynced;
    private int staleRecords;

    public TelemetrySpool(Path file, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("spool maxEntries must be >= 1, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
        List<RecordLog.Entry> records = new ArrayList<>();
        this.log = RecordLog.open(file, records);
        for (RecordLog.Entry r : records) {
            try {
                samples.addLast(Telemetry.parseFrom(r.payload()));
            } catch (InvalidProtocolBufferException e) {
                dropped++;
                LOG.warnf("telemetry spool %s: skipped an unreadable sample (%s)", file, e.getMessage());
            }
        }
        trimToBound();
    }

    public synchronized void add(Telemetry sample) {
        log.append(SAMPLE, sample.toByteArray(), false);
        samples.addLast(sample);
        if (++unsynced >= SYNC_EVERY) {
            log.sync();
            unsynced = 0;
        }
        trimToBound();
    }

    private void trimToBound() {
        while (samples.size() > maxEntries) {
            samples.pollFirst();
            dropped++;
            staleRecords++;
        }
        // Dropped samples are still in the file; rewrite once they make up as much as the live ones.
        if (staleRecords > 0 && staleRecords >= maxEntries) {
            rewrite();
        }
    }

    /** Removes and returns every spooled sample, oldest first. */
    public synchronized List<Telemetry> drain() {
        List<Telemetry> out = new ArrayList<>(samples);
        samples.clear();
        rewrite();
        return out;
    }

    private void rewrite() {
        List<RecordLog.Entry> entries = new ArrayList<>(samples.size());
        for (Telemetry t : samples) {
            entries.add(new RecordLog.Entry(SAMPLE, t.toByteArray()));
        }
        log.rewrite(entries);
        staleRecords = 0;
        unsynced = 0;
    }

    public synchronized int size() {
        return samples.size();
    }

    /** Samples dropped because the spool was full (or unreadable after a crash). */
    public synchronized long dropped() {
        return dropped;
    }

    @Override
    public synchronized void close() {
        log.sync();
        log.close();
    }
}
