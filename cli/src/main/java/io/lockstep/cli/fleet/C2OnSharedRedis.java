package io.lockstep.cli.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One Redis and {@code n} C2 processes on it (replicas, each with its own ports and data directory), without
 * nodes: for benchmarks that bring their own simulated nodes. Closing stops them all.
 */
public final class C2OnSharedRedis implements AutoCloseable {
    private final RedisServerProcess redis;
    private final List<C2Process> replicas;

    private C2OnSharedRedis(RedisServerProcess redis, List<C2Process> replicas) {
        this.redis = redis;
        this.replicas = List.copyOf(replicas);
    }

    public static C2OnSharedRedis start(LockstepHome home, Path outDir, int n, List<String> c2Properties, Duration timeout) {
        if (n < 1) {
            throw new IllegalArgumentException("at least one C2 replica, got " + n);
        }
        RedisServerProcess redis = new RedisServerProcess(outDir.resolve("redis"));
        redis.start();
        List<C2Process> started = new ArrayList<>();
        try {
            for (int i = 1; i <= n; i++) {
                C2Process c2 = new C2Process(home, redis.uri(), c2Properties, outDir.resolve("replica-" + i));
                started.add(c2);
                c2.start(timeout);
            }
        } catch (RuntimeException e) {
            started.forEach(C2Process::close);
            redis.close();
            throw e;
        }
        return new C2OnSharedRedis(redis, started);
    }

    public List<C2Process> replicas() {
        return replicas;
    }

    /** The replica REST calls go to (any replica accepts any call once replicas share their state). */
    public C2Process first() {
        return replicas.get(0);
    }

    public String redisUri() {
        return redis.uri();
    }

    @Override
    public void close() {
        replicas.forEach(C2Process::close);
        redis.close();
    }
}
