package io.lockstep.c2.fleet;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.redis.JsonCodec;
import io.lockstep.c2.redis.RedisKeys;
import io.lockstep.c2.redis.RedisTopology;
import io.lockstep.proto.v1.Telemetry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Stores telemetry samples off the link's threads: the link hands each sample over ({@link #offer}) and one
 * writer thread stores everything queued since its last round in one Redis script call: every sample into
 * its node's capped history stream (receipt-time ids, trimmed to exactly {@code telemetry-max-samples}), the
 * latest one as the node's telemetry, its receipt time as the node's last-seen time. Samples of a node C2
 * never registered are not stored.
 *
 * <p>Why: the link used to make five Redis round trips per sample, in line, so at 10,000 samples a second
 * C2 fell seconds behind and the dashboard with it. The queue is bounded ({@value #QUEUE_CAPACITY}
 * samples); when it is full a sample's history entry is dropped and counted (the live view already has it),
 * never queued without bound. A burst of a node's spooled samples fits in it.
 *
 * <p>Ordering: a node's samples are stored in arrival order; {@link #awaitStored} lets the link finish
 * storing a node's earlier samples before it answers that node, so an answer still means "everything you
 * sent before is stored".
 */
@ApplicationScoped
public class TelemetryIntake implements MeterBinder {

    private static final Logger LOG = Logger.getLogger(TelemetryIntake.class);
    static final int QUEUE_CAPACITY = 100_000;
    /** Most samples in one script call, so Redis is never busy with one batch for long. */
    static final int MAX_BATCH = 5_000;
    private static final Duration AWAIT_LIMIT = Duration.ofSeconds(5);
    private static final long RETRY_PAUSE_MS = 200;
    private static final int ATTEMPTS = 3;

    /**
     * KEYS: per node its hash, latest-telemetry key, history stream. ARGV: cap, then per node n, last-seen,
     * latest JSON, then n pairs of receipt ms and sample JSON. Returns samples stored. Only registered nodes
     * (those with a hash) get samples. On Redis Cluster each call holds one node's keys (one hash tag).
     */
    private static final String STORE_BATCH = """
            local cap = tonumber(ARGV[1])
            local a = 2
            local stored = 0
            for k = 1, #KEYS, 3 do
              local n, seen, latest = tonumber(ARGV[a]), ARGV[a + 1], ARGV[a + 2]
              a = a + 3
              if redis.call('EXISTS', KEYS[k]) == 1 then
                for i = 0, n - 1 do
                  local ms, sample = ARGV[a + 2 * i], ARGV[a + 2 * i + 1]
                  local ok = pcall(redis.call, 'XADD', KEYS[k + 2], ms .. '-*', 'sample', sample)
                  if not ok then redis.call('XADD', KEYS[k + 2], '*', 'sample', sample) end
                end
                redis.call('XTRIM', KEYS[k + 2], 'MAXLEN', cap)
                redis.call('SET', KEYS[k + 1], latest)
                redis.call('HSET', KEYS[k], 'lastSeenAt', seen)
                stored = stored + n
              end
              a = a + 2 * n
            end
            return stored""";

    private record Pending(long seq, String nodeId, Telemetry sample, long receivedAtMs) {
    }

    private final RedisDataSource redis;
    private final RedisTopology topology;
    private final JsonCodec json;
    private final int cap;
    private final ArrayBlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Map<String, Long> lastQueued = new ConcurrentHashMap<>();
    private final Object progress = new Object();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong storedSamples = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private long nextSeq;
    /** Highest seq the writer is done with (stored, or given up on); everything below it is done too. */
    private volatile long doneUpTo;
    private volatile boolean running;
    private Thread writer;

    public TelemetryIntake(RedisDataSource redis, RedisTopology topology, JsonCodec json, C2Config config) {
        this.redis = redis;
        this.topology = topology;
        this.json = json;
        this.cap = config.lifecycle().telemetryMaxSamples();
    }

    void start(@Observes StartupEvent started) {
        running = true;
        writer = new Thread(this::writeLoop, "lockstep-telemetry-writer");
        writer.setDaemon(true);
        writer.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
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

    /** Queues a sample for storage; false (and counted) when the queue is full. Never blocks. */
    public boolean offer(String nodeId, Telemetry sample, long receivedAtMs) {
        synchronized (queue) {
            long seq = nextSeq + 1;
            if (!queue.offer(new Pending(seq, nodeId, sample, receivedAtMs))) {
                long count = dropped.incrementAndGet();
                if (Long.bitCount(count) == 1) {
                    LOG.warnf("Telemetry storage is behind: %d samples dropped from the history so far (queue of %d full)",
                            count, QUEUE_CAPACITY);
                }
                return false;
            }
            nextSeq = seq;
            lastQueued.put(nodeId, seq);
        }
        return true;
    }

    /**
     * Waits until every sample queued for this node so far is stored (or given up on after Redis failures),
     * at most a few seconds; true when it is.
     */
    public boolean awaitStored(String nodeId) {
        Long mark = lastQueued.get(nodeId);
        if (mark == null || doneUpTo >= mark) {
            return true;
        }
        long deadline = System.nanoTime() + AWAIT_LIMIT.toNanos();
        synchronized (progress) {
            while (doneUpTo < mark) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !running) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    public long dropped() {
        return dropped.get();
    }

    public long failed() {
        return failed.get();
    }

    public int depth() {
        return queue.size();
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(running ? 1_000 : 10, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (!running) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                store(batch);
            } catch (InterruptedException e) {
                if (!running && queue.isEmpty()) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "Telemetry writer round failed");
            } finally {
                if (!batch.isEmpty()) {
                    done(batch.get(batch.size() - 1).seq());
                    batch.clear();
                }
            }
        }
    }

    private void store(List<Pending> batch) {
        Map<String, List<Pending>> perNode = new LinkedHashMap<>();
        for (Pending pending : batch) {
            perNode.computeIfAbsent(pending.nodeId(), id -> new ArrayList<>()).add(pending);
        }
        if (!topology.cluster()) {
            store(batch.size(), perNode);
            return;
        }
        for (Map.Entry<String, List<Pending>> node : perNode.entrySet()) {
            store(node.getValue().size(), Map.of(node.getKey(), node.getValue()));
        }
    }

    /** Stores the samples of the given nodes in one script call. */
    private void store(int samples, Map<String, List<Pending>> perNode) {
        List<String> keys = new ArrayList<>(perNode.size() * 3);
        List<String> values = new ArrayList<>(1 + perNode.size() * 3 + samples * 2);
        values.add(Integer.toString(cap));
        for (Map.Entry<String, List<Pending>> node : perNode.entrySet()) {
            String nodeId = node.getKey();
            keys.add(RedisKeys.node(nodeId));
            keys.add(RedisKeys.nodeTelemetry(nodeId));
            keys.add(RedisKeys.nodeTelemetryHistory(nodeId));
            List<Pending> pendings = node.getValue();
            Pending last = pendings.get(pendings.size() - 1);
            String lastJson = null;
            int header = values.size();
            values.add(Integer.toString(pendings.size()));
            values.add(java.time.Instant.ofEpochMilli(last.receivedAtMs()).toString());
            values.add("");
            for (Pending pending : pendings) {
                lastJson = TelemetrySampleJson.of(pending.sample(), pending.receivedAtMs(), json);
                values.add(Long.toString(pending.receivedAtMs()));
                values.add(lastJson);
            }
            values.set(header + 2, lastJson);
        }
        List<String> args = new ArrayList<>(2 + keys.size() + values.size());
        args.add(STORE_BATCH);
        args.add(Integer.toString(keys.size()));
        args.addAll(keys);
        args.addAll(values);
        String[] command = args.toArray(String[]::new);
        for (int attempt = 1; ; attempt++) {
            try {
                storedSamples.addAndGet(redis.execute("EVAL", command).toLong());
                batches.incrementAndGet();
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !running) {
                    failed.addAndGet(samples);
                    LOG.warnf("Could not store %d telemetry samples after %d attempts: %s", samples, attempt,
                            e.toString());
                    return;
                }
                try {
                    Thread.sleep(RETRY_PAUSE_MS * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    failed.addAndGet(samples);
                    return;
                }
            }
        }
    }

    private void done(long seq) {
        synchronized (progress) {
            doneUpTo = seq;
            progress.notifyAll();
        }
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder("lockstep.c2.telemetry.queue.depth", queue, ArrayBlockingQueue::size)
                .description("Telemetry samples received and not yet stored in Redis")
                .register(meters);
        FunctionCounter.builder("lockstep.c2.telemetry.dropped", dropped, AtomicLong::get)
                .description("Telemetry samples left out of the history because the storage queue was full")
                .register(meters);
        FunctionCounter.builder("lockstep.c2.telemetry.failed", failed, AtomicLong::get)
                .description("Telemetry samples left out of the history because Redis refused them")
                .register(meters);
        FunctionCounter.builder("lockstep.c2.telemetry.stored", storedSamples, AtomicLong::get)
                .description("Telemetry samples stored in the nodes' history streams")
                .register(meters);
    }
}
