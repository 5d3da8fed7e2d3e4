package io.lockstep.c2.replica;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.link.C2Instance;
import io.lockstep.c2.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import io.lockstep.c2.redis.RedisPipeline;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Locks shared by every C2 replica on one Redis: {@code SET lock:<name> <token> NX PX <lease>}, released by a
 * compare-and-delete script so a holder never deletes a lock that expired and was taken by someone else.
 * Re-entrant per thread (the e-stop lock wraps the command lock of the same node). Threads of one replica
 * first queue on a local lock, so only one of them at a time polls Redis for a name. A lock that cannot be
 * had within {@code lockstep.c2.replicas.lock-wait} throws {@link LockUnavailableException}, which REST
 * answers with 503 and Retry-After like any Redis outage.
 */
@ApplicationScoped
public class RedisLocks {

    private static final Logger LOG = Logger.getLogger(RedisLocks.class);

    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""";

    private final RedisDataSource redis;
    private final RedisPipeline pipeline;
    private final String instance;
    private final Duration lease;
    private final Duration wait;
    private final AtomicLong tokens = new AtomicLong();
    private final Map<String, LocalLock> local = new ConcurrentHashMap<>();
    private final ThreadLocal<Map<String, Held>> heldByThread = ThreadLocal.withInitial(HashMap::new);

    public RedisLocks(RedisDataSource redis, RedisPipeline pipeline, C2Instance instance, C2Config config) {
        this.redis = redis;
        this.pipeline = pipeline;
        this.instance = instance.id();
        this.lease = config.replicas().lockLease();
        this.wait = config.replicas().lockWait();
    }

    /** The lock that orders everything sent to a node: command numbering, the outbox, its e-stop, its edge seqs. */
    public static String node(String nodeId) {
        return "node:" + nodeId;
    }

    /** The lock dispatch, abort and archiving of a mission hold. */
    public static String mission(String missionId) {
        return "mission:" + missionId;
    }

    /** Takes the lock (or enters it again on this thread); close the result to release it. */
    public Held hold(String name) {
        Map<String, Held> held = heldByThread.get();
        Held again = held.get(name);
        if (again != null) {
            again.depth++;
            return again;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        LocalLock localLock = local.compute(name, (key, existing) -> {
            LocalLock lock = existing == null ? new LocalLock() : existing;
            lock.users++;
            return lock;
        });
        boolean locked = false;
        try {
            locked = localLock.lock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS);
            if (!locked) {
                throw new LockUnavailableException(name, wait);
            }
            String token = instance + ":" + Thread.currentThread().getId() + ":" + tokens.incrementAndGet();
            acquireInRedis(RedisKeys.lock(name), token, deadline, name);
            Held entered = new Held(name, token, localLock);
            held.put(name, entered);
            return entered;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockUnavailableException(name, wait);
        } catch (RuntimeException e) {
            if (locked) {
                localLock.lock.unlock();
            }
            leave(name);
            throw e;
        }
    }

    /**
     * Takes the locks of all {@code names} (entering again those this thread holds) in a few round trips
     * instead of two per name: one pipelined {@code SET NX PX} for all of them. It is all or nothing: when
     * another holder has one of them, every lock just taken is given back and the names are taken one by one
     * in sorted order, so two batch holders can never wait on each other in a cycle. Close the result to
     * release them all (again in one pipelined round trip).
     */
    public HeldAll holdAll(Collection<String> names) {
        List<String> sorted = names.stream().distinct().sorted().toList();
        Map<String, Held> held = heldByThread.get();
        List<Held> entered = new ArrayList<>(sorted.size());
        List<String> fresh = new ArrayList<>();
        for (String name : sorted) {
            Held again = held.get(name);
            if (again != null) {
                again.depth++;
                entered.add(again);
            } else {
                fresh.add(name);
            }
        }
        HeldAll all = new HeldAll(entered);
        try {
            long deadline = System.nanoTime() + wait.toNanos();
            List<Held> taken = new ArrayList<>(fresh.size());
            try {
                for (String name : fresh) {
                    LocalLock localLock = enterLocally(name, deadline);
                    String token = instance + ":" + Thread.currentThread().getId() + ":" + tokens.incrementAndGet();
                    taken.add(new Held(name, token, localLock));
                }
            } catch (InterruptedException | RuntimeException e) {
                taken.forEach(one -> {
                    one.localLock.lock.unlock();
                    leave(one.name);
                });
                throw e;
            }
            acquireAllInRedis(taken, deadline);
            taken.forEach(one -> {
                held.put(one.name, one);
                all.held.add(one);
            });
            return all;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all.close();
            throw new LockUnavailableException(String.join(",", fresh), wait);
        } catch (RuntimeException e) {
            all.close();
            throw e;
        }
    }

    /** Number of names with a local lock object (for leak checks: it returns to 0 when nothing is held). */
    public int localLockCount() {
        return local.size();
    }

    private void acquireInRedis(String key, String token, long deadline, String name) throws InterruptedException {
        long pause = 1;
        while (true) {
            io.vertx.mutiny.redis.client.Response reply = redis.execute("SET", key, token, "NX", "PX",
                    Long.toString(lease.toMillis()));
            if (reply != null && "OK".equals(reply.toString())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new LockUnavailableException(name, wait);
            }
            // Another replica holds it: its critical sections are a few Redis calls, so poll briefly.
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 20);
        }
    }

    /** Waits for the name's lock among this replica's threads (a thread waits for Redis only once it has it). */
    private LocalLock enterLocally(String name, long deadline) throws InterruptedException {
        LocalLock localLock = local.compute(name, (key, existing) -> {
            LocalLock lock = existing == null ? new LocalLock() : existing;
            lock.users++;
            return lock;
        });
        if (!localLock.lock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            leave(name);
            throw new LockUnavailableException(name, wait);
        }
        return localLock;
    }

    /**
     * Takes every lock of {@code taken} (held locally already) in Redis: all at once, or, when any is held
     * elsewhere, none at once and then each in turn. A lock that cannot be had releases every local one.
     */
    private void acquireAllInRedis(List<Held> taken, long deadline) throws InterruptedException {
        if (taken.isEmpty()) {
            return;
        }
        String px = Long.toString(lease.toMillis());
        List<io.vertx.mutiny.redis.client.Request> sets = new ArrayList<>(taken.size());
        taken.forEach(held -> sets.add(RedisPipeline.request(Command.SET, RedisKeys.lock(held.name), held.token,
                "NX", "PX", px)));
        List<Held> inRedis = new ArrayList<>();
        try {
            List<Response> answers = pipeline.run(sets);
            for (int i = 0; i < taken.size(); i++) {
                if (answers.get(i) != null && "OK".equals(answers.get(i).toString())) {
                    inRedis.add(taken.get(i));
                }
            }
            if (inRedis.size() == taken.size()) {
                return;
            }
            releaseInRedis(inRedis);
            inRedis.clear();
            for (Held held : taken) {
                acquireInRedis(RedisKeys.lock(held.name), held.token, deadline, held.name);
                inRedis.add(held);
            }
        } catch (InterruptedException | RuntimeException e) {
            releaseInRedis(inRedis);
            taken.forEach(held -> {
                held.localLock.lock.unlock();
                leave(held.name);
            });
            throw e;
        }
    }

    private void releaseInRedis(List<Held> held) {
        if (held.isEmpty()) {
            return;
        }
        List<io.vertx.mutiny.redis.client.Request> releases = new ArrayList<>(held.size());
        held.forEach(one -> releases.add(RedisPipeline.request(Command.EVAL, RELEASE, "1", RedisKeys.lock(one.name),
                one.token)));
        try {
            pipeline.run(releases);
        } catch (RuntimeException e) {
            LOG.warnf("Could not release %d shared locks (%s); they expire after %s", held.size(), e.toString(), lease);
        }
    }

    private void leave(String name) {
        local.computeIfPresent(name, (key, lock) -> --lock.users == 0 ? null : lock);
    }

    private static final class LocalLock {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    /** Locks taken together by {@link #holdAll}; closing releases each (in Redis in one round trip). */
    public final class HeldAll implements AutoCloseable {
        private final List<Held> held;

        private HeldAll(List<Held> reentered) {
            this.held = reentered;
        }

        @Override
        public void close() {
            List<Held> last = new ArrayList<>();
            for (Held one : held) {
                if (--one.depth == 0) {
                    heldByThread.get().remove(one.name);
                    last.add(one);
                }
            }
            held.clear();
            try {
                releaseInRedis(last);
            } finally {
                last.forEach(one -> {
                    one.localLock.lock.unlock();
                    leave(one.name);
                });
            }
        }
    }

    /** A held lock; closing it the last time (re-entrant depth 0) releases it in Redis and locally. */
    public final class Held implements AutoCloseable {
        private final String name;
        private final String token;
        private final LocalLock localLock;
        private int depth = 1;

        private Held(String name, String token, LocalLock localLock) {
            this.name = name;
            this.token = token;
            this.localLock = localLock;
        }

        @Override
        public void close() {
            if (--depth > 0) {
                return;
            }
            heldByThread.get().remove(name);
            try {
                redis.execute("EVAL", RELEASE, "1", RedisKeys.lock(name), token);
            } catch (RuntimeException e) {
                // Redis went away while we held it: the lease frees it for the others.
                LOG.warnf("Could not release the shared lock %s (%s); it expires after %s", name, e.toString(), lease);
            } finally {
                localLock.lock.unlock();
                leave(name);
            }
        }
    }
}
