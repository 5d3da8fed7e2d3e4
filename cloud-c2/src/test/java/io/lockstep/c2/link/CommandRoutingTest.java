package io.lockstep.c2.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.LogCapture;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The replica's subscription to command notices: exactly one subscribed connection, confirmed (no "No handler
 * waiting for message: [subscribe, ...]"), and after that connection is killed one new one, not a pile of them.
 */
@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
class CommandRoutingTest {

    @Inject
    CommandRouting routing;

    @Inject
    RedisDataSource redis;

    @Test
    void oneConfirmedSubscriptionThatIsReplacedWhenItsConnectionDies() throws Exception {
        await("the first subscription", () -> routing.listening() && pubsubClients().size() == 1);
        String first = pubsubClients().get(0);
        try (LogCapture vertx = LogCapture.of("io.vertx.redis")) {
            redis.execute("CLIENT", "KILL", "ID", first);
            await("a new subscription", () -> routing.listening() && !pubsubClients().isEmpty()
                    && !pubsubClients().contains(first));
            assertThat(pubsubClients()).hasSize(1);
            assertThat(vertx.messages()).noneMatch(message -> message.contains("No handler waiting"));
        }
        assertThat(redis.execute("PUBSUB", "NUMSUB", io.lockstep.c2.redis.RedisKeys.commandsQueuedChannel())
                .get(1).toLong()).isEqualTo(1);
    }

    /** Ids of the Redis clients in pub/sub mode (this test's C2 has no other subscriber). */
    private List<String> pubsubClients() {
        String list = redis.execute("CLIENT", "LIST", "TYPE", "pubsub").toString();
        return Arrays.stream(list.split("\n")).map(String::trim).filter(line -> line.startsWith("id="))
                .map(line -> line.substring(3, line.indexOf(' '))).toList();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
