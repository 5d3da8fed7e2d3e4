package io.lockstep.c2.redis;

import static io.lockstep.c2.mission.MissionLifecycleTest.assignmentOf;
import static io.lockstep.c2.mission.MissionLifecycleTest.dispatch;
import static io.lockstep.c2.mission.MissionLifecycleTest.history;
import static io.lockstep.c2.mission.MissionLifecycleTest.share;
import static io.lockstep.c2.mission.MissionLifecycleTest.status;
import static io.lockstep.c2.mission.MissionLifecycleTest.sync;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.c2.audit.AuditLog;
import io.lockstep.c2.replica.RedisLocks;
import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.Heartbeat;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.Telemetry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * C2 on a real three-master Redis Cluster (local redis-server processes): every path that runs a multi-key
 * Lua script or MULTI/EXEC works, because the keys it touches share a hash tag (see {@link RedisKeys}).
 * Before the keys had tags, the node registration, the mission dispatch and status writes and the audit
 * append were refused with CROSSSLOT. Also: telemetry is stored per node, link claims are renewed past their lease, a command queued for
 * an offline node is delivered when it links, shared locks live in the cluster, and a pub/sub subscriber of
 * C2's Redis client hears a message published on any master.
 */
@QuarkusTest
@TestProfile(RedisClusterTest.OnALocalCluster.class)
@TestSecurity(user = "test-admin", roles = {"viewer", "operator", "commander", "admin"})
@QuarkusTestResource(C2TestResources.class)
class RedisClusterTest {

    private static final Duration LINK_LEASE = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(30);

    public static class OnALocalCluster implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ClusterResource.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.client-type", "cluster",
                    "quarkus.redis.cluster-transactions", "single-node",
                    "lockstep.c2.replicas.link-lease", LINK_LEASE.toMillis() + "ms");
        }
    }

    /** The cluster for the test's C2; stopped (every process) when the test class is done. */
    public static class ClusterResource implements QuarkusTestResourceLifecycleManager {
        static LocalRedisCluster cluster;

        @Override
        public Map<String, String> start() {
            cluster = LocalRedisCluster.start();
            return Map.of("quarkus.redis.hosts", cluster.hosts());
        }

        @Override
        public void stop() {
            cluster.close();
            if (cluster.running() != 0) {
                throw new AssertionError(cluster.running() + " redis-server processes of the cluster still run");
            }
        }
    }

    @Inject
    RedisDataSource redis;

    @Inject
    AuditLog audit;

    @Inject
    RedisLocks locks;

    @Test
    void aNodeLinksItsClaimIsRenewedPastItsLeaseAndReleasedWhenItLeaves() throws Exception {
        String nodeId = Fixtures.uniqueId("cluster-link");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            String claim = redis.value(String.class).get(RedisKeys.nodeLinkOwner(nodeId));
            assertThat(claim).isNotBlank();
            // Three leases long: without the compare-and-renew script the claim would have expired.
            long until = System.nanoTime() + 3 * LINK_LEASE.toNanos();
            while (System.nanoTime() < until) {
                assertThat(redis.value(String.class).get(RedisKeys.nodeLinkOwner(nodeId))).isEqualTo(claim);
                node.send(EdgeToC2.newBuilder().setHeartbeat(Heartbeat.newBuilder()).build());
                Thread.sleep(200);
            }
            given().when().get("/api/v1/nodes/" + nodeId).then().statusCode(200)
                    .body("linkState", org.hamcrest.Matchers.equalTo("CONNECTED"))
                    .body("lastHeartbeatAt", org.hamcrest.Matchers.notNullValue());
            // The telemetry writer's script (latest sample, history stream, last-seen) for this node's slot.
            node.send(EdgeToC2.newBuilder().setTelemetry(Telemetry.newBuilder().setTick(7).setXM(1.5)).build());
            awaitTrue(() -> Integer.valueOf(7).equals(given().when().get("/api/v1/nodes/" + nodeId).then()
                    .statusCode(200).extract().jsonPath().get("telemetry.tick")) ? true : null,
                    "the telemetry sample is stored");
            assertThat(redis.stream(String.class).xlen(RedisKeys.nodeTelemetryHistory(nodeId))).isEqualTo(1);
            // The fleet listing reads node by node on a cluster.
            assertThat(given().when().get("/api/v1/nodes").then().statusCode(200).extract().jsonPath()
                    .getList("nodeId", String.class)).contains(nodeId);
            node.hangUp();
            node.awaitEnd();
        }
        awaitTrue(() -> redis.key().exists(RedisKeys.nodeLinkOwner(nodeId)) ? null : true, "the claim is released");
    }

    @Test
    void aCommandQueuedForAnOfflineNodeIsDeliveredWhenItLinks() throws Exception {
        String nodeId = Fixtures.uniqueId("cluster-estop");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
        }
        given().contentType(ContentType.JSON).body("{\"reason\": \"queued on a cluster\"}")
                .when().post("/api/v1/nodes/" + nodeId + "/estop").then().statusCode(200);
        assertThat(redis.hash(String.class).hlen(RedisKeys.nodePendingCommands(nodeId))).isEqualTo(1);
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            C2ToEdge estop = node.await(C2ToEdge::hasEmergencyStop);
            assertThat(estop.getEmergencyStop().getEngaged()).isTrue();
            assertThat(estop.getEmergencyStop().getReason()).isEqualTo("queued on a cluster");
        }
    }

    @Test
    void aMissionIsDispatchedRunsAndKeepsItsStatusAndHistory() throws Exception {
        String nodeId = Fixtures.uniqueId("cluster-mission");
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            dispatch(missionId, nodeId);
            assignmentOf(node, missionId);
            node.send(status(1, missionId, NodeMissionState.RECEIVED, 0, 1, 0));
            node.send(status(2, missionId, NodeMissionState.RUNNING, 10, 2, 100));
            node.send(status(3, missionId, NodeMissionState.RUNNING, 20, 1, 100)); // stale: refused
            node.await(m -> m.hasStatusAck() && m.getStatusAck().getRefusedSeq() == 3);
            node.send(status(4, missionId, NodeMissionState.COMPLETED, 30, 3, 1000));
            sync(node);
        }
        assertThat(share(missionId).getString("lifecycle")).isEqualTo("DONE_OK");
        assertThat(history(missionId, "lifecycle")).containsExactly("SENT", "RECEIVED", "EXECUTING", "DONE_OK");
        // The data really is spread: keys on more than one master.
        assertThat(ClusterResource.cluster.mastersWithKeys()).isGreaterThan(1);
    }

    @Test
    void theAuditTrailAppendsOnTheClusterAndVerifies() throws Exception {
        for (int i = 0; i < 3; i++) {
            audit.append("cluster-auditor", "test.append", "record-" + i, 200, "");
        }
        String export = given().queryParam("format", "jsonl").when().get("/api/v1/audit").then().statusCode(200)
                .extract().asString();
        assertThat(export).contains("record-2");
        given().contentType("application/x-ndjson").body(export.getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/api/v1/audit/verify")
                .then().statusCode(200).body("verified", org.hamcrest.Matchers.equalTo(true));
    }

    @Test
    void aSharedLockIsHeldInTheClusterAndFreedOnRelease() {
        String name = RedisLocks.node(Fixtures.uniqueId("cluster-lock"));
        try (RedisLocks.Held held = locks.hold(name)) {
            assertThat(redis.key().exists(RedisKeys.lock(name))).isTrue();
        }
        assertThat(redis.key().exists(RedisKeys.lock(name))).isFalse();
    }

    @Test
    void aSubscriberOfC2sClientHearsAMessagePublishedOnAnyMaster() throws Exception {
        String channel = "lockstep:test:" + Fixtures.uniqueId("channel");
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        var subscriber = redis.pubsub(String.class).subscribe(channel, heard::add);
        try {
            List<Integer> ports = ClusterResource.cluster.ports();
            for (int port : ports) {
                try (RespClient master = new RespClient(port)) {
                    // PUBLISH answers the receivers on that master only; the cluster bus carries it to the others.
                    awaitTrue(() -> {
                        master.command("PUBLISH", channel, "from-" + port);
                        String message = heard.poll(200, TimeUnit.MILLISECONDS);
                        return message == null ? null : message.equals("from-" + port) ? true : null;
                    }, "a message published on " + port);
                }
                heard.clear();
            }
        } finally {
            subscriber.unsubscribe();
        }
    }

    private interface Check {
        Boolean get() throws Exception;
    }

    private static void awaitTrue(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(check.get())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within " + WAIT + ": " + what);
    }
}
