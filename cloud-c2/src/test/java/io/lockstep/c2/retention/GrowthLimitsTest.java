package io.lockstep.c2.retention;

import io.quarkus.test.security.TestSecurity;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.grpc.Status;
import io.lockstep.c2.redis.RedisKeys;
import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.proto.v1.BlobKind;
import io.lockstep.proto.v1.BlobRequest;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.CommandAck;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.StatusUpdate;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a peer or a commander can make C2 keep is bounded: node ids past the fleet limit are refused,
 * module and model bytes live in files (not Redis memory), finished missions are archived and
 * unreferenced blobs deleted after their retention time.
 */
@QuarkusTest
@TestSecurity(user = "test-admin", roles = {"viewer", "operator", "commander", "admin"})
@QuarkusTestResource(C2TestResources.class)
@TestProfile(GrowthLimitsTest.SmallFleet.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GrowthLimitsTest {

    static final int MAX_NODES = 4;
    static final int MAX_NODES_PER_DISPATCH = 2;

    public static class SmallFleet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lockstep.c2.fleet.max-nodes", Integer.toString(MAX_NODES),
                    "lockstep.c2.fleet.max-nodes-per-dispatch", Integer.toString(MAX_NODES_PER_DISPATCH));
        }
    }

    @Inject
    RedisDataSource redis;

    @Inject
    RetentionSweep retention;

    private static Path dataDir() {
        return Path.of(ConfigProvider.getConfig().getValue("lockstep.c2.redis.data-dir", String.class));
    }

    @Test
    @Order(3) // fills the fleet, so it runs after the tests that connect fresh nodes
    void unknownNodeIdsAreRefusedOnceTheFleetIsFullWhileKnownOnesReconnect() throws Exception {
        List<String> registered = given().when().get("/api/v1/nodes").then().statusCode(200).extract().path("nodeId");
        String known = null;
        for (int i = registered.size(); i < MAX_NODES; i++) {
            try (FakeEdgeNode node = FakeEdgeNode.connect()) {
                known = Fixtures.uniqueId("fleet");
                node.hello(known);
            }
        }
        String stranger = Fixtures.uniqueId("stranger");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.send(FakeEdgeNode.hello(stranger, 0));
            Status end = node.awaitEnd();
            assertThat(end.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(end.getDescription()).contains("fleet is full");
        }
        given().when().get("/api/v1/nodes/" + stranger).then().statusCode(404);
        assertThat(redis.key().exists(RedisKeys.node(stranger))).isFalse();
        assertThat(redis.set(String.class).scard(RedisKeys.nodes())).isEqualTo(MAX_NODES);

        String reconnecting = known != null ? known : registered.get(0);
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            assertThat(node.hello(reconnecting).hasWelcome()).isTrue();
        }
    }

    @Test
    @Order(2)
    void aDispatchToMoreNodesThanTheConfiguredCapIsRefusedNamingTheSetting() {
        String id = Fixtures.createMission(Fixtures.uploadModule());
        given().contentType(ContentType.JSON).body("{\"nodes\": [\"a\", \"b\", \"c\"]}")
                .when().post("/api/v1/missions/" + id + "/dispatch")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("nodes"))
                .body("errors[0].message", containsString("at most " + MAX_NODES_PER_DISPATCH + " nodes per dispatch"))
                .body("errors[0].message", containsString("lockstep.c2.fleet.max-nodes-per-dispatch"));
        given().when().get("/api/v1/missions/" + id).then().statusCode(200).body("dispatchedAt", equalTo(null));
    }

    @Test
    @Order(1)
    void moduleAndModelBytesAreFilesOnDiskNotRedisValues() throws Exception {
        String module = Fixtures.uploadModule();
        byte[] modelBytes = ("onnx-" + Fixtures.uniqueId("model")).getBytes(StandardCharsets.UTF_8);
        String model = given().contentType(ContentType.BINARY).body(modelBytes).when().post("/api/v1/models")
                .then().statusCode(201).extract().path("sha256");

        Path moduleFile = dataDir().resolve("blobs/modules").resolve(module);
        Path modelFile = dataDir().resolve("blobs/models").resolve(model);
        assertThat(moduleFile).isRegularFile();
        assertThat(Files.readAllBytes(modelFile)).isEqualTo(modelBytes);
        assertThat(redis.key().exists(RedisKeys.moduleBytes(module))).isFalse();
        assertThat(redis.key().exists(RedisKeys.modelBytes(model))).isFalse();

        // Still served to nodes.
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(Fixtures.uniqueId("fleet"));
            node.send(EdgeToC2.newBuilder().setBlobRequest(BlobRequest.newBuilder().setKind(BlobKind.ONNX_MODEL)
                    .setSha256(model)).build());
            C2ToEdge blob = node.await(C2ToEdge::hasBlob);
            assertThat(blob.getBlob().getData().toByteArray()).isEqualTo(modelBytes);
        }
    }

    @Test
    @Order(2)
    void finishedMissionsAreArchivedAndUnreferencedBlobsDeletedAfterTheirRetention() throws Exception {
        String usedModule = Fixtures.uploadModule();
        String strayModule = Fixtures.uploadModule();
        String finished = Fixtures.createMission(usedModule);
        String running = Fixtures.createMission(Fixtures.uploadModule());
        String runningModule = given().when().get("/api/v1/missions/" + running).then().extract().path("spec.agents[0].module");
        String nodeId = Fixtures.uniqueId("fleet");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            // One after the other: a node runs one mission at a time (a second one of equal priority would queue).
            long seq = 0;
            for (String mission : List.of(finished, running)) {
                given().contentType(ContentType.JSON).body("{\"nodes\": [\"" + nodeId + "\"]}")
                        .when().post("/api/v1/missions/" + mission + "/dispatch").then().statusCode(202);
                C2ToEdge assign = node.await(C2ToEdge::hasAssign);
                node.send(EdgeToC2.newBuilder().setAck(CommandAck.newBuilder().setCommandSeq(assign.getCommandSeq())
                        .setApplied(true)).build());
                seq++;
                node.send(EdgeToC2.newBuilder().setSeq(seq).setStatus(StatusUpdate.newBuilder().setMissionId(mission)
                        .setState(mission.equals(finished) ? NodeMissionState.COMPLETED : NodeMissionState.RUNNING)
                        .setTick(mission.equals(finished) ? 30 : 3)).build());
                long acked = seq;
                node.await(m -> m.hasStatusAck() && m.getStatusAck().getSeq() == acked);
            }
        }
        given().when().get("/api/v1/missions/" + finished).then().body("state", equalTo("MISSION_COMPLETED"));

        // Too early: nothing goes.
        RetentionSweep.Result early = retention.sweep(Instant.now());
        assertThat(early.archivedMissions()).doesNotContain(finished);
        assertThat(early.deletedModules()).doesNotContain(usedModule, strayModule);

        RetentionSweep.Result later = retention.sweep(Instant.now().plus(Duration.ofHours(168)).plusSeconds(60));
        assertThat(later.archivedMissions()).contains(finished).doesNotContain(running);
        assertThat(dataDir().resolve("archive/missions/" + finished + ".json")).isRegularFile();
        assertThat(redis.key().exists(RedisKeys.mission(finished), RedisKeys.missionNodeStatus(finished))).isZero();
        assertThat(redis.sortedSet(String.class).zscore(RedisKeys.missions(), finished).isPresent()).isFalse();
        given().when().get("/api/v1/missions/" + finished).then().statusCode(404)
                .body("detail", containsString("archived"));
        given().when().get("/api/v1/missions/" + running).then().statusCode(200);

        assertThat(later.deletedModules()).contains(usedModule, strayModule).doesNotContain(runningModule);
        given().when().get("/api/v1/modules/" + strayModule).then().statusCode(404);
        given().when().get("/api/v1/modules/" + runningModule).then().statusCode(200);
        assertThat(dataDir().resolve("blobs/modules").resolve(strayModule)).doesNotExist();
    }
}
