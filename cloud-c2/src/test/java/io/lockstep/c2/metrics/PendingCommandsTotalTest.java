package io.lockstep.c2.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.c2.link.LinkLedger;
import io.lockstep.c2.redis.RedisKeys;
import io.lockstep.c2.support.C2TestResources;
import io.lockstep.proto.v1.C2ToEdge;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * {@code lockstep_c2_commands_pending} is one read of a fleet total that the ledger moves with every
 * pending hash: storing, acknowledging (twice, as two replicas might), acknowledging through a seq and
 * dropping an unreadable command all leave it equal to what the hashes hold.
 */
@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
class PendingCommandsTotalTest {

    @Inject
    LinkLedger ledger;

    @Inject
    RedisDataSource redis;

    private long total() {
        Long total = redis.value(Long.class).get(RedisKeys.pendingCommandsTotal());
        return total == null ? 0 : total;
    }

    private long held(String nodeId) {
        return redis.hash(String.class, String.class, byte[].class).hlen(RedisKeys.nodePendingCommands(nodeId));
    }

    @Test
    void theTotalFollowsEveryChangeToThePendingCommands() {
        String a = "pending-total-a";
        String b = "pending-total-b";
        long before = total();
        for (long seq = 1; seq <= 4; seq++) {
            ledger.storePending(a, C2ToEdge.newBuilder().setCommandSeq(seq).build());
        }
        ledger.storePending(b, C2ToEdge.newBuilder().setCommandSeq(1).build());
        assertThat(total()).isEqualTo(before + 5);
        assertThat(Scrape.now().value("lockstep_c2_commands_pending")).isEqualTo(before + 5);

        assertThat(ledger.acknowledge(a, 2)).isPresent();
        assertThat(ledger.acknowledge(a, 2)).as("acknowledged again").isEmpty();
        assertThat(total()).isEqualTo(before + 4);

        ledger.acknowledgeThrough(a, 3);
        assertThat(held(a)).isEqualTo(1);
        assertThat(total()).isEqualTo(before + 2);

        redis.hash(String.class, String.class, byte[].class).hset(RedisKeys.nodePendingCommands(b), "7",
                new byte[] {(byte) 0xff, 0x01});
        redis.value(Long.class).incr(RedisKeys.pendingCommandsTotal());
        assertThat(ledger.pending(b)).hasSize(1);
        assertThat(held(b)).as("the unreadable command is dropped").isEqualTo(1);
        assertThat(total()).isEqualTo(before + 2);

        ledger.acknowledgeThrough(a, 10);
        ledger.acknowledgeThrough(b, 10);
        assertThat(held(a) + held(b)).isZero();
        assertThat(total()).isEqualTo(before);
        assertThat(Scrape.now().value("lockstep_c2_commands_pending")).isEqualTo(before);
    }
}
