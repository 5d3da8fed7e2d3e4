package io.lockstep.c2.redis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.CuttableProxy;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.proto.v1.C2ToEdge;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Bad input: C2's Redis goes away, by a cut network path (every connection closed, new ones refused) and by
 * a Redis restart. While it is away C2 keeps serving: REST answers 503 problem+json with Retry-After (never
 * 500). When it is back C2 recovers by itself, and a command queued before the outage for an offline node
 * is still delivered when that node connects. The cut lasts 30 s (the "a replica whose Redis
 * connection drops for 30 s"), longer than the Redis client's timeout and the link lease: C2 answers a clear
 * 503 for the whole of it, never a 500, and serves again by itself when the path is back.
 */
@QuarkusTest
@TestProfile(RedisOutageTest.BehindACuttableProxy.class)
@TestSecurity(user = "test-admin", roles = {"viewer", "operator", "commander", "admin"})
@QuarkusTestResource(C2TestResources.class)
class RedisOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    public static class BehindACuttableProxy implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ProxiedRedis.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lockstep.c2.replicas.lock-wait", "2s", "quarkus.redis.timeout", "3s");
        }
    }

    /** A redis-server C2 reaches only through a {@link CuttableProxy}. */
    public static class ProxiedRedis implements QuarkusTestResourceLifecycleManager {
        static Path dir;
        static int redisPort;
        static volatile EmbeddedRedisServer server;
        static CuttableProxy proxy;

        @Override
        public Map<String, String> start() {
            try {
                dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "outage-redis-");
                redisPort = C2TestResources.freePort();
                server = EmbeddedRedisServer.start(dir, redisPort);
                proxy = new CuttableProxy(redisPort);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + proxy.port());
        }

        @Override
        public void stop() {
            try {
                proxy.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            server.stop();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void aCutRedisPathAndARedisRestartAreAnswered503AndNothingQueuedIsLost() throws Exception {
        String offline = Fixtures.uniqueId("offline");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(offline);
        }
        // Queued while the node is away: it must survive both outages.
        given().contentType(ContentType.JSON).body("{\"reason\": \"queued before the outage\"}")
                .when().post("/api/v1/nodes/" + offline + "/estop").then().statusCode(200);

        long cutAt = System.nanoTime();
        ProxiedRedis.proxy.cut();
        try {
            assertShedWhileAway(() -> given().when().get("/api/v1/nodes/" + offline));
            // For the rest of the outage every answer is a clear 503 (asked every half second), never a 500.
            while (System.nanoTime() - cutAt < OUTAGE.toNanos()) {
                assertShed(given().contentType(ContentType.JSON).body("{\"reason\": \"during\"}")
                        .when().post("/api/v1/nodes/" + offline + "/estop"));
                assertShed(given().when().get("/api/v1/nodes/" + offline));
                Thread.sleep(500);
            }
        } finally {
            ProxiedRedis.proxy.restore();
        }
        awaitServing(offline);

        ProxiedRedis.server.stop();
        try {
            assertShedWhileAway(() -> given().when().get("/api/v1/nodes/" + offline));
        } finally {
            ProxiedRedis.server = EmbeddedRedisServer.start(ProxiedRedis.dir, ProxiedRedis.redisPort);
        }
        awaitServing(offline);

        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(offline);
            C2ToEdge estop = node.await(C2ToEdge::hasEmergencyStop);
            assertThat(estop.getEmergencyStop().getEngaged()).isTrue();
            assertThat(estop.getEmergencyStop().getReason()).isEqualTo("queued before the outage");
        }
    }

    /** The request, repeated until Redis's absence shows: 503, problem+json, Retry-After, a clear detail. */
    private static void assertShedWhileAway(Supplier<Response> request) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Response response = request.get();
        while (response.statusCode() == 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            response = request.get();
        }
        assertShed(response);
    }

    private static void assertShed(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).isNotBlank();
        assertThat(response.jsonPath().getString("detail")).contains("unreachable");
    }

    private static void awaitServing(String nodeId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            status = given().when().get("/api/v1/nodes/" + nodeId).statusCode();
            if (status == 200) {
                return;
            }
            assertThat(status).as("while Redis comes back").isEqualTo(503);
            Thread.sleep(100);
        }
        throw new AssertionError("C2 did not recover after Redis came back; last status " + status);
    }
}
