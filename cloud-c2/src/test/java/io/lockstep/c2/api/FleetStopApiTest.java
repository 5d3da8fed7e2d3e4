package io.lockstep.c2.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.proto.v1.BlobKind;
import io.lockstep.proto.v1.BlobRequest;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.Heartbeat;
import io.lockstep.proto.v1.NodeEstopLatch;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** "Stop all" from C2, and the node's own latch (engaged by a mesh peer) as C2 shows it. */
@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
class FleetStopApiTest {

    @Test
    @TestSecurity(user = "olivia", roles = {"viewer", "operator"})
    void anOperatorStopsEveryNodeFleetWide() throws Exception {
        String a = Fixtures.uniqueId("node");
        String b = Fixtures.uniqueId("node");
        try (FakeEdgeNode nodeA = FakeEdgeNode.connect(); FakeEdgeNode nodeB = FakeEdgeNode.connect()) {
            nodeA.hello(a);
            nodeB.hello(b);
            given().contentType(ContentType.JSON).body("{\"reason\": \"person on the runway\"}")
                    .when().post("/api/v1/emergency-stop")
                    .then().statusCode(200)
                    .body("engaged", equalTo(true))
                    .body("nodes", hasItems(a, b));
            for (FakeEdgeNode node : new FakeEdgeNode[] {nodeA, nodeB}) {
                C2ToEdge stop = node.await(C2ToEdge::hasEmergencyStop);
                assertThat(stop.getEmergencyStop().getEngaged()).isTrue();
                assertThat(stop.getEmergencyStop().getFleetWide()).isTrue();
                assertThat(stop.getEmergencyStop().getReason()).isEqualTo("person on the runway");
            }
            // An operator may engage, not release.
            given().when().delete("/api/v1/emergency-stop").then().statusCode(403);
        }
    }

    @Test
    @TestSecurity(user = "cora", roles = {"viewer", "operator", "commander"})
    void aCommanderReleasesAndC2ShowsTheLatchANodeReports() throws Exception {
        String a = Fixtures.uniqueId("node");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(a);
            // The node was stopped by a mesh peer: C2 never asked, the node's heartbeat says so.
            node.send(EdgeToC2.newBuilder().setHeartbeat(Heartbeat.newBuilder().setEstopLatch(NodeEstopLatch
                    .newBuilder().setLatched(true).setDetail("e-stop latched by MESH: peer node-2"))).build());
            String marker = "e".repeat(64);
            node.send(EdgeToC2.newBuilder().setBlobRequest(BlobRequest.newBuilder().setKind(BlobKind.ONNX_MODEL)
                    .setSha256(marker)).build());
            node.await(m -> m.hasBlob() && m.getBlob().getSha256().equals(marker));
            given().when().get("/api/v1/nodes/" + a).then().statusCode(200)
                    .body("emergencyStop.engaged", equalTo(false))
                    .body("emergencyStop.nodeLatch.latched", equalTo(true))
                    .body("emergencyStop.nodeLatch.detail", equalTo("e-stop latched by MESH: peer node-2"));

            given().when().delete("/api/v1/emergency-stop").then().statusCode(200)
                    .body("engaged", equalTo(false)).body("nodes", hasItems(a));
            C2ToEdge release = node.await(C2ToEdge::hasEmergencyStop);
            assertThat(release.getEmergencyStop().getEngaged()).isFalse();
        }
    }
}
