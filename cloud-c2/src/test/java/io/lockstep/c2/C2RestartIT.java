package io.lockstep.c2;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.c2.support.PackagedC2;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.StatusUpdate;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged C2 ({@code java -jar target/quarkus-app/quarkus-run.jar}) twice on the same data
 * directory: missions, node sequence numbers and unacknowledged commands survive the restart, and a
 * reconnecting node picks up where it left off.
 */
class C2RestartIT {

    private PackagedC2 c2;

    @BeforeEach
    void prepare() throws IOException {
        // this test is about restarts; simulation first is covered by SimulationApprovalTest
        c2 = PackagedC2.inTarget("c2-restart-", "-Dlockstep.c2.approval.enabled=false");
    }

    @AfterEach
    void cleanUp() throws Exception {
        c2.close();
    }

    @Test
    void stateSurvivesARestartAndTheNodeResumes() throws Exception {
        String nodeId = Fixtures.uniqueId("restart-node");
        c2.start();
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        long assignSeq;
        try (FakeEdgeNode node = FakeEdgeNode.connect(c2.grpcPort())) {
            node.hello(nodeId);
            given().contentType(ContentType.JSON).body("{\"nodes\": [\"" + nodeId + "\"]}")
                    .when().post("/api/v1/missions/" + missionId + "/dispatch").then().statusCode(202);
            assignSeq = node.await(C2ToEdge::hasAssign).getCommandSeq();
            node.send(EdgeToC2.newBuilder().setSeq(1).setStatus(StatusUpdate.newBuilder().setMissionId(missionId)
                    .setState(NodeMissionState.RUNNING).setTick(7)).build());
            assertThat(node.await(C2ToEdge::hasStatusAck).getStatusAck().getSeq()).isEqualTo(1);
        }
        c2.stop();

        c2.start();
        given().when().get("/api/v1/missions/" + missionId).then().statusCode(200)
                .body("state", equalTo("IN_PROGRESS"))
                .body("nodes[0].nodeId", equalTo(nodeId))
                .body("nodes[0].tick", equalTo(7));
        given().when().get("/api/v1/nodes/" + nodeId).then().statusCode(200)
                .body("linkState", equalTo("DISCONNECTED"));
        try (FakeEdgeNode node = FakeEdgeNode.connect(c2.grpcPort())) {
            C2ToEdge welcome = node.hello(nodeId);
            assertThat(welcome.getWelcome().getLastReceivedSeq()).isEqualTo(1);
            C2ToEdge redelivered = node.await(m -> m.getCommandSeq() > 0);
            assertThat(redelivered.hasAssign()).isTrue();
            assertThat(redelivered.getCommandSeq()).isEqualTo(assignSeq);
        }
    }
}
