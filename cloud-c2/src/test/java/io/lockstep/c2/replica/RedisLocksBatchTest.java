package io.lockstep.c2.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lockstep.c2.redis.RedisKeys;
import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.Fixtures;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link RedisLocks#holdAll}: many node locks in one round trip, all or nothing, re-entrant, nothing left behind. */
@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
class RedisLocksBatchTest {

    @Inject
    RedisLocks locks;

    @Inject
    RedisDataSource redis;

    @Test
    void takesEveryLockAndReleasesThemAllReenteringOnesThisThreadHolds() {
        List<String> names = List.of(name(), name(), name());
        try (RedisLocks.Held first = locks.hold(names.get(0))) {
            try (RedisLocks.HeldAll all = locks.holdAll(names)) {
                names.forEach(name -> assertThat(held(name)).as(name).isTrue());
            }
            assertThat(held(names.get(0))).as("still held by the outer hold").isTrue();
            assertThat(held(names.get(1))).isFalse();
            assertThat(held(names.get(2))).isFalse();
        }
        assertThat(held(names.get(0))).isFalse();
        assertThat(locks.localLockCount()).isZero();
    }

    @Test
    void waitsForALockAnotherReplicaHoldsThenTakesAll() throws Exception {
        List<String> names = List.of(name(), name(), name());
        redis.value(String.class).set(RedisKeys.lock(names.get(1)), "another-replica");
        CompletableFuture<Boolean> taken = CompletableFuture.supplyAsync(() -> {
            try (RedisLocks.HeldAll all = locks.holdAll(names)) {
                return names.stream().allMatch(this::held)
                        && !"another-replica".equals(redis.value(String.class).get(RedisKeys.lock(names.get(1))));
            }
        });
        assertThat(taken).isNotDone();
        redis.key().del(RedisKeys.lock(names.get(1)));
        assertThat(taken.get(10, TimeUnit.SECONDS)).isTrue();
        names.forEach(name -> assertThat(held(name)).as(name).isFalse());
        assertThat(locks.localLockCount()).isZero();
    }

    @Test
    void aLockThatCannotBeHadFailsTheBatchAndLeavesNothingHeld() {
        List<String> names = List.of(name(), name(), name());
        redis.value(String.class).set(RedisKeys.lock(names.get(1)), "another-replica");
        assertThatThrownBy(() -> locks.holdAll(names)).isInstanceOf(LockUnavailableException.class);
        assertThat(held(names.get(0))).isFalse();
        assertThat(held(names.get(2))).isFalse();
        assertThat(redis.value(String.class).get(RedisKeys.lock(names.get(1)))).isEqualTo("another-replica");
        assertThat(locks.localLockCount()).isZero();
        redis.key().del(RedisKeys.lock(names.get(1)));
    }

    private boolean held(String name) {
        return redis.key().exists(RedisKeys.lock(name));
    }

    private static String name() {
        return RedisLocks.node(Fixtures.uniqueId("batch"));
    }
}
