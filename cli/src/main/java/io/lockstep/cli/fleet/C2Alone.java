package io.lockstep.cli.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Redis and C2 without nodes (for benchmarks that bring their own simulated nodes); closing stops both. */
public final class C2Alone implements AutoCloseable {
    private final RedisServerProcess redis;
    private final C2Process c2;

    private C2Alone(RedisServerProcess redis, C2Process c2) {
        this.redis = redis;
        this.c2 = c2;
    }

    public static C2Alone start(LockstepHome home, Path outDir, List<String> c2Properties, Duration timeout) {
        RedisServerProcess redis = new RedisServerProcess(outDir.resolve("redis"));
        redis.start();
        C2Process c2 = new C2Process(home, redis.uri(), c2Properties, outDir);
        try {
            c2.start(timeout);
        } catch (RuntimeException e) {
            c2.close();
            redis.close();
            throw e;
        }
        return new C2Alone(redis, c2);
    }

    public C2Process c2() {
        return c2;
    }

    @Override
    public void close() {
        c2.close();
        redis.close();
    }
}
