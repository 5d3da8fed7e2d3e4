package io.lockstep.c2.mission;

import io.quarkus.test.security.TestSecurity;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

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
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The share state machine as a commander sees it, driven by a raw gRPC node: terminal is terminal, a
 * node's crash recovery is shown as recovery (never as going backwards), and a node that went silent is
 * shown as out of contact since a given time.
 */
@QuarkusTest
@TestSecurity(user = "test-admin", roles = {"viewer", "operator", "commander", "admin"})
@QuarkusTestResource(C2TestResources.class)
class ShareStateMachineTest {

    private static EdgeToC2 status(long seq, String missionId, NodeMissionState state, long tick) {
        return EdgeToC2.newBuilder().setSeq(seq).setStatus(StatusUpdate.newBuilder().setMissionId(missionId)
                .setState(state).setTick(tick).setFingerprint("f" + tick)).build();
    }

    private static void sync(FakeEdgeNode node) throws InterruptedException {
        String marker = "c".repeat(64);
        node.send(EdgeToC2.newBuilder().setBlobRequest(BlobRequest.newBuilder().setKind(BlobKind.ONNX_MODEL)
                .setSha256(marker)).build());
        node.await(m -> m.hasBlob() && m.getBlob().getSha256().equals(marker));
    }

    private static String dispatchedMission(FakeEdgeNode node, String nodeId) throws InterruptedException {
        node.hello(nodeId);
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        given().contentType(ContentType.JSON).body("{\"nodes\": [\"" + nodeId + "\"]}")
                .when().post("/api/v1/missions/" + missionId + "/dispatch").then().statusCode(202);
        C2ToEdge assign = node.await(C2ToEdge::hasAssign);
        node.send(EdgeToC2.newBuilder().setAck(CommandAck.newBuilder().setCommandSeq(assign.getCommandSeq())
                .setApplied(true)).build());
        return missionId;
    }

    private static JsonPath mission(String missionId) {
        return given().when().get("/api/v1/missions/" + missionId).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aCompletedShareStaysCompleted() throws Exception {
        String nodeId = Fixtures.uniqueId("terminal");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            String missionId = dispatchedMission(node, nodeId);
            node.send(status(1, missionId, NodeMissionState.RUNNING, 10));
            node.send(status(2, missionId, NodeMissionState.COMPLETED, 20));
            node.send(status(3, missionId, NodeMissionState.FAILED, 21));
            node.send(status(4, missionId, NodeMissionState.ABORTED, 22));
            sync(node);
            JsonPath view = mission(missionId);
            assertThat(view.getString("state")).isEqualTo("MISSION_COMPLETED");
            assertThat(view.getString("nodes[0].state")).isEqualTo("COMPLETED");
            assertThat(view.getLong("nodes[0].tick")).isEqualTo(20);
        }
    }

    @Test
    void crashRecoveryIsShownAsRecoveryAndNeverGoesBackwards() throws Exception {
        String nodeId = Fixtures.uniqueId("recovery");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            String missionId = dispatchedMission(node, nodeId);
            node.send(status(1, missionId, NodeMissionState.RUNNING, 40));
            sync(node);
            assertThat(mission(missionId).getString("state")).isEqualTo("IN_PROGRESS");

            // The node crashed and is reloading the mission from its journal.
            node.send(status(2, missionId, NodeMissionState.LOADING, 0));
            sync(node);
            JsonPath recovering = mission(missionId);
            assertThat(recovering.getString("state")).isEqualTo("IN_PROGRESS");
            assertThat(recovering.getString("nodes[0].state")).isEqualTo("RUNNING");
            assertThat(recovering.getLong("nodes[0].tick")).isEqualTo(40);
            assertThat(recovering.getBoolean("nodes[0].recovery.recovering")).isTrue();
            assertThat(recovering.getString("nodes[0].recovery.reportedState")).isEqualTo("LOADING");
            assertThat(recovering.getString("nodes[0].recovery.since")).isNotBlank();

            node.send(status(3, missionId, NodeMissionState.RUNNING, 41));
            sync(node);
            JsonPath resumed = mission(missionId);
            assertThat(resumed.getString("nodes[0].state")).isEqualTo("RUNNING");
            assertThat(resumed.getLong("nodes[0].tick")).isEqualTo(41);
            assertThat(resumed.getBoolean("nodes[0].recovery.recovering")).isFalse();
            assertThat(resumed.getString("nodes[0].recovery.since")).isNull();
        }
    }

    @Test
    void aSilentNodesShareShowsItIsOutOfContactAndSinceWhen() throws Exception {
        String nodeId = Fixtures.uniqueId("silent");
        String missionId;
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            missionId = dispatchedMission(node, nodeId);
            node.send(status(1, missionId, NodeMissionState.RUNNING, 5));
            sync(node);
            JsonPath live = mission(missionId);
            assertThat(live.getString("nodes[0].contact.state")).isEqualTo("IN_CONTACT");
        }
        // C2 learns of the closed stream asynchronously (and releases the link's claim in Redis): wait for it
        JsonPath dead = mission(missionId);
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (!"OUT_OF_CONTACT".equals(dead.getString("nodes[0].contact.state")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            dead = mission(missionId);
        }
        assertThat(dead.getString("nodes[0].state")).isEqualTo("RUNNING");
        assertThat(dead.getString("nodes[0].contact.state")).isEqualTo("OUT_OF_CONTACT");
        Instant since = Instant.parse(dead.getString("nodes[0].contact.since"));
        Instant lastSeen = Instant.parse(given().when().get("/api/v1/nodes/" + nodeId).then().extract()
                .path("lastSeenAt"));
        assertThat(since).isEqualTo(lastSeen);
    }
}
