package io.lockstep.c2.link;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.c2.redis.RedisKeys;
import io.lockstep.c2.replica.RedisLocks;
import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.proto.v1.C2ToEdge;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Bad input: a node that flaps its link, 100 connect/Hello/drop cycles back to back (far more than 100 a
 * minute), half of them hanging up cleanly and half cut off, with a latched e-stop re-asserted at every
 * Hello. C2 keeps serving, and nothing accumulates: no link session, no link owner record, no shared lock
 * (in Redis or in memory), no extra pending command, no thread.
 */
@QuarkusTest
@TestSecurity(user = "test-admin", roles = {"viewer", "operator", "commander", "admin"})
@QuarkusTestResource(C2TestResources.class)
class LinkFlappingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    LinkSessions sessions;

    @Inject
    RedisLocks locks;

    @Inject
    RedisDataSource redis;

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aNodeFlappingItsLinkLeaksNothingAndC2KeepsServing() throws Exception {
        String nodeId = Fixtures.uniqueId("flapper");
        try (FakeEdgeNode first = FakeEdgeNode.connect()) {
            first.hello(nodeId);
            given().contentType(ContentType.JSON).body("{\"reason\": \"flapping test\"}")
                    .when().post("/api/v1/nodes/" + nodeId + "/estop").then().statusCode(200);
            first.await(C2ToEdge::hasEmergencyStop);
        }
        await("the first link gone", () -> !sessions.isConnected(nodeId));
        int threadsBefore = Thread.activeCount();
        long pendingBefore = redis.hash(String.class).hlen(RedisKeys.nodePendingCommands(nodeId));

        for (int i = 0; i < 100; i++) {
            FakeEdgeNode node = FakeEdgeNode.connect();
            node.hello(nodeId);
            if (i % 2 == 0) {
                node.hangUp();
            }
            node.close();
            if (i % 25 == 0) {
                // C2 keeps answering the API while the node flaps.
                given().when().get("/api/v1/nodes/" + nodeId).then().statusCode(200);
            }
        }

        await("no session left", () -> !sessions.connectedNodes().contains(nodeId));
        await("the link owner record gone", () -> !redis.key(String.class).exists(RedisKeys.nodeLinkOwner(nodeId)));
        given().when().get("/api/v1/nodes/" + nodeId).then().statusCode(200)
                .body("linkState", org.hamcrest.Matchers.equalTo("DISCONNECTED"));
        assertThat(redis.key(String.class).keys(RedisKeys.lock("node:" + nodeId))).as("shared locks left").isEmpty();
        assertThat(locks.localLockCount()).as("in-memory lock objects left").isZero();
        assertThat(redis.hash(String.class).hlen(RedisKeys.nodePendingCommands(nodeId)))
                .as("the unacknowledged e-stop is re-sent, not stored again per reconnect").isEqualTo(pendingBefore);
        await("threads back to their level", () -> Thread.activeCount() <= threadsBefore + 8);

        // And the node still gets its latched e-stop on a normal connect.
        try (FakeEdgeNode last = FakeEdgeNode.connect()) {
            last.hello(nodeId);
            assertThat(last.await(C2ToEdge::hasEmergencyStop).getEmergencyStop().getEngaged()).isTrue();
        }
    }
}
