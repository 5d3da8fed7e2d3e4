package io.lockstep.c2.api;

import io.quarkus.test.security.TestSecurity;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.proto.v1.BlobKind;
import io.lockstep.proto.v1.BlobRequest;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.CommandAck;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.Heartbeat;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.Telemetry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(user = "test-admin", roles = {"viewer", "operator", "commander", "admin"})
@QuarkusTestResource(C2TestResources.class)
class NodeApiTest {

    private static void sync(FakeEdgeNode node) throws InterruptedException {
        String marker = "d".repeat(64);
        node.send(EdgeToC2.newBuilder().setBlobRequest(BlobRequest.newBuilder().setKind(BlobKind.ONNX_MODEL)
                .setSha256(marker)).build());
        node.await(m -> m.hasBlob() && m.getBlob().getSha256().equals(marker));
    }

    @Test
    void listsConnectedNodesWithHeartbeatAndLatestTelemetry() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            node.send(EdgeToC2.newBuilder().setHeartbeat(Heartbeat.newBuilder().setMissionId("m-1").setTick(42)
                    .setState(NodeMissionState.RUNNING)).build());
            node.send(EdgeToC2.newBuilder().setTelemetry(Telemetry.newBuilder().setMissionId("m-1").setTick(41)
                    .setXM(1.5).setYM(-2.0).setBatteryFraction(0.75)).build());
            node.send(EdgeToC2.newBuilder().setTelemetry(Telemetry.newBuilder().setMissionId("m-1").setTick(42)
                    .setXM(3.0).setYM(-2.5).setBatteryFraction(0.74)).build());
            sync(node);
            Fixtures.awaitStoredTelemetry(nodeId, 42);

            given().when().get("/api/v1/nodes").then().statusCode(200)
                    .body("nodeId", hasItem(nodeId));
            given().when().get("/api/v1/nodes/" + nodeId).then().statusCode(200)
                    .body("linkState", equalTo("CONNECTED"))
                    .body("softwareVersion", equalTo("fake-edge 1.0"))
                    .body("abiVersion", equalTo(1))
                    .body("lastHeartbeatAt", notNullValue())
                    .body("currentMissionId", equalTo("m-1"))
                    .body("currentTick", equalTo(42))
                    .body("currentState", equalTo("RUNNING"))
                    .body("telemetry.tick", equalTo(42))
                    .body("telemetry.xM", equalTo(3.0f))
                    .body("telemetry.batteryFraction", equalTo(0.74f))
                    .body("emergencyStop.engaged", equalTo(false));

            node.hangUp();
            assertThat(node.awaitEnd().isOk()).isTrue();
        }
        given().when().get("/api/v1/nodes/" + nodeId).then().statusCode(200)
                .body("linkState", equalTo("DISCONNECTED"));
    }

    @Test
    void emergencyStopLatchesAndClears() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);

            given().contentType(ContentType.JSON).body("{\"reason\": \"person in the field\"}")
                    .when().post("/api/v1/nodes/" + nodeId + "/estop")
                    .then().statusCode(200)
                    .body("emergencyStop.requested.engaged", equalTo(true))
                    .body("emergencyStop.requested.reason", equalTo("person in the field"))
                    .body("emergencyStop.state", equalTo("PENDING"));
            C2ToEdge engage = node.await(C2ToEdge::hasEmergencyStop);
            assertThat(engage.getEmergencyStop().getEngaged()).isTrue();
            assertThat(engage.getEmergencyStop().getReason()).isEqualTo("person in the field");

            given().when().delete("/api/v1/nodes/" + nodeId + "/estop")
                    .then().statusCode(200)
                    .body("emergencyStop.requested.engaged", equalTo(false));
            C2ToEdge clear = node.await(C2ToEdge::hasEmergencyStop);
            assertThat(clear.getEmergencyStop().getEngaged()).isFalse();
            assertThat(clear.getCommandSeq()).isGreaterThan(engage.getCommandSeq());
        }
    }

    @Test
    void aLatchedEmergencyStopIsReassertedWhenTheNodeReconnects() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        C2ToEdge engage;
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            given().contentType(ContentType.JSON).body("{\"reason\": \"battery fire\"}")
                    .when().post("/api/v1/nodes/" + nodeId + "/estop").then().statusCode(200);
            engage = node.await(C2ToEdge::hasEmergencyStop);
            node.send(EdgeToC2.newBuilder().setAck(CommandAck.newBuilder().setCommandSeq(engage.getCommandSeq())
                    .setApplied(true)).build());
            sync(node);
        }
        try (FakeEdgeNode restarted = FakeEdgeNode.connect()) {
            restarted.hello(nodeId);

            C2ToEdge again = restarted.await(m -> m.getCommandSeq() > 0);
            assertThat(again.getEmergencyStop().getEngaged()).isTrue();
            assertThat(again.getEmergencyStop().getReason()).isEqualTo("battery fire");
            assertThat(again.getCommandSeq()).isGreaterThan(engage.getCommandSeq());
        }
    }

    @Test
    void unknownNodesAre404() {
        given().when().get("/api/v1/nodes/ghost").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:unknown-node"));
        given().contentType(ContentType.JSON).when().post("/api/v1/nodes/ghost/estop").then().statusCode(404)
                .contentType("application/problem+json");
        given().when().delete("/api/v1/nodes/ghost/estop").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aMalformedEstopBodyIsAProblem() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
        }
        given().contentType(ContentType.JSON).body("{\"reason\": ")
                .when().post("/api/v1/nodes/" + nodeId + "/estop")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:malformed-json"));
        given().contentType(ContentType.JSON).body("{\"why\": \"x\"}")
                .when().post("/api/v1/nodes/" + nodeId + "/estop")
                .then().statusCode(400)
                .body("type", equalTo("urn:lockstep:problem:unknown-field"));
    }
}
