package io.lockstep.c2.fleet;

import io.lockstep.proto.v1.Telemetry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Stores telemetry samples off the link's threads: the link hands each sample over ({@link #offer}, never
 * blocks) and one writer thread stores everything queued since its last round as one batch
 * ({@link TelemetryBatchStore}, one Redis script call).
 *
 * <p>Bounded: the queue holds {@value #DEFAULT_CAPACITY} samples. When it is full, a live sample's history
 * entry is dropped and counted (the live view already has it), never queued without bound. A sample the node
 * had spooled offline ({@code Telemetry.spooled}) is never dropped for want of room: it is held (one per node
 * stream at most, since that stream stops reading) and queued as soon as the writer has made room, and only
 * then does the link read the node's next message. So a node emptying its spool meets gRPC flow control, and
 * keeps the rest in its own spool, instead of losing samples here.
 */
@ApplicationScoped
public class TelemetryIntake implements MeterBinder {

    /** Writes one batch; returns the samples stored, throws when Redis refused it. */
    public interface Store {
        long store(List<QueuedSample> batch);
    }

    /** What became of an offered sample. */
    public enum Offer {
        /** Queued for storage. */
        QUEUED,
        /** Left out of the history (and counted): the queue was full and the sample was a live one. */
        DROPPED,
        /** A spooled sample, held until the queue has room; the caller's {@code whenQueued} runs then. */
        HELD
    }

    private static final Logger LOG = Logger.getLogger(TelemetryIntake.class);
    static final int DEFAULT_CAPACITY = 100_000;
    /** Most samples in one script call, so Redis is never busy with one batch for long. */
    static final int MAX_BATCH = 5_000;
    private static final long RETRY_PAUSE_MS = 200;
    private static final int ATTEMPTS = 3;

    private record Held(QueuedSample sample, Runnable whenQueued) {
    }

    private final Store store;
    private final Executor resumer;
    private final ArrayBlockingQueue<QueuedSample> queue;
    /** Spooled samples waiting for room, oldest first; guarded by itself, as is every offer to the queue. */
    private final Deque<Held> held = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong heldCount = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong storedSamples = new AtomicLong();
    private volatile boolean running;
    private Thread writer;

    @Inject
    public TelemetryIntake(TelemetryBatchStore store) {
        this(store, DEFAULT_CAPACITY, Infrastructure.getDefaultWorkerPool());
    }

    /** {@code resumer} runs the held samples' {@code whenQueued} callbacks (never the writer thread itself). */
    TelemetryIntake(Store store, int capacity, Executor resumer) {
        this.store = store;
        this.resumer = resumer;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    void start(@Observes StartupEvent started) {
        start();
    }

    void start() {
        running = true;
        writer = new Thread(this::writeLoop, "lockstep-telemetry-writer");
        writer.setDaemon(true);
        writer.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        stop();
    }

    void stop() {
        running = false;
        if (writer != null) {
            writer.interrupt();
            try {
                writer.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Queues a sample for storage. Never blocks. A spooled sample that finds the queue full is {@link Offer#HELD}:
     * it is queued later, before anything offered after it, and {@code whenQueued} runs then (on a worker thread).
     */
    public Offer offer(String nodeId, Telemetry sample, long receivedAtMs, Runnable whenQueued) {
        QueuedSample queued = new QueuedSample(nodeId, sample, receivedAtMs);
        synchronized (held) {
            if (held.isEmpty() && queue.offer(queued)) {
                return Offer.QUEUED;
            }
            if (sample.getSpooled()) {
                held.addLast(new Held(queued, whenQueued));
                heldCount.incrementAndGet();
                return Offer.HELD;
            }
        }
        long count = dropped.incrementAndGet();
        if (Long.bitCount(count) == 1) {
            LOG.warnf("Telemetry storage is behind: %d live samples left out of the history so far (queue of %d full)",
                    count, queue.remainingCapacity() + queue.size());
        }
        return Offer.DROPPED;
    }

    public long dropped() {
        return dropped.get();
    }

    /** Spooled samples that had to wait for room (their node's stream paused meanwhile). */
    public long held() {
        return heldCount.get();
    }

    public long failed() {
        return failed.get();
    }

    public long stored() {
        return storedSamples.get();
    }

    public int depth() {
        return queue.size();
    }

    private void writeLoop() {
        List<QueuedSample> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                QueuedSample first = queue.poll(running ? 1_000 : 10, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (!running) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                admitHeld();
                store(batch);
            } catch (InterruptedException e) {
                if (!running && queue.isEmpty()) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "Telemetry writer round failed");
            } finally {
                batch.clear();
            }
        }
    }

    /** Moves held samples into the room just made, oldest first, and lets their streams read on. */
    private void admitHeld() {
        List<Runnable> resumed = new ArrayList<>();
        synchronized (held) {
            while (!held.isEmpty() && queue.offer(held.peekFirst().sample())) {
                resumed.add(held.pollFirst().whenQueued());
            }
        }
        resumed.forEach(resumer::execute);
    }

    private void store(List<QueuedSample> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                storedSamples.addAndGet(store.store(batch));
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !running) {
                    failed.addAndGet(batch.size());
                    LOG.warnf("Could not store %d telemetry samples after %d attempts: %s", batch.size(), attempt,
                            e.toString());
                    return;
                }
                try {
                    Thread.sleep(RETRY_PAUSE_MS * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    failed.addAndGet(batch.size());
                    return;
                }
            }
        }
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder("lockstep.c2.telemetry.queue.depth", queue, ArrayBlockingQueue::size)
                .description("Telemetry samples received and not yet stored in Redis")
                .register(meters);
        FunctionCounter.builder("lockstep.c2.telemetry.dropped", dropped, AtomicLong::get)
                .description("Live telemetry samples left out of the history because the storage queue was full")
                .register(meters);
        FunctionCounter.builder("lockstep.c2.telemetry.held", heldCount, AtomicLong::get)
                .description("Spooled telemetry samples that waited for room in the storage queue, their node's"
                        + " link paused meanwhile (never dropped)")
                .register(meters);
        FunctionCounter.builder("lockstep.c2.telemetry.failed", failed, AtomicLong::get)
                .description("Telemetry samples left out of the history because Redis refused them")
                .register(meters);
        FunctionCounter.builder("lockstep.c2.telemetry.stored", storedSamples, AtomicLong::get)
                .description("Telemetry samples stored in the nodes' history streams")
                .register(meters);
    }
}
