package io.lockstep.c2.replica;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.link.C2Instance;
import io.lockstep.c2.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
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
    private final String instance;
    private final Duration lease;
    private final Duration wait;
    private final AtomicLong tokens = new AtomicLong();
    private final Map<String, LocalLock> local = new ConcurrentHashMap<>();
    private final ThreadLocal<Map<String, Held>> heldByThread = ThreadLocal.withInitial(HashMap::new);

    public RedisLocks(RedisDataSource redis, C2Instance instance, C2Config config) {
        this.redis = redis;
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

    private void leave(String name) {
        local.computeIfPresent(name, (key, lock) -> --lock.users == 0 ? null : lock);
    }

    private static final class LocalLock {
        final ReentrantLock lock = new ReentrantLock();
        int users;
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
