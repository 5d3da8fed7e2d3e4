package io.lockstep.c2.api;

import io.quarkus.test.security.TestSecurity;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.proto.v1.BlobKind;
import io.lockstep.proto.v1.BlobRequest;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.CellPlan;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.StatusUpdate;
import io.lockstep.proto.v1.SwarmReport;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cell mission end to end through C2: every node gets the same cell plan, nodes report what they owned
 * and covered, and the mission completes with every cell covered although one node was lost.
 */
@QuarkusTest
@TestSecurity(user = "test-admin", roles = {"viewer", "operator", "commander", "admin"})
@QuarkusTestResource(C2TestResources.class)
class CellMissionApiTest {

    private static void sync(FakeEdgeNode node) throws InterruptedException {
        String marker = "e".repeat(63) + "0";
        node.send(EdgeToC2.newBuilder().setBlobRequest(BlobRequest.newBuilder().setKind(BlobKind.WASM_MODULE)
                .setSha256(marker)).build());
        node.await(m -> m.hasBlob() && m.getBlob().getSha256().equals(marker));
    }

    private static EdgeToC2 status(long seq, String missionId, NodeMissionState state, SwarmReport swarm) {
        return EdgeToC2.newBuilder().setSeq(seq).setStatus(StatusUpdate.newBuilder().setMissionId(missionId)
                .setState(state).setTick(100).setSwarm(swarm)).build();
    }

    @Test
    void everyNodeGetsTheSameCellPlanAndSurvivorsCompleteALostNodesCells() throws Exception {
        String a = Fixtures.uniqueId("cells-a");
        String b = Fixtures.uniqueId("cells-b");
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        try (FakeEdgeNode nodeA = FakeEdgeNode.connect(); FakeEdgeNode nodeB = FakeEdgeNode.connect()) {
            nodeA.hello(a);
            nodeB.hello(b);
            given().contentType(ContentType.JSON).body("{\"nodes\": [\"" + a + "\", \"" + b + "\"]}")
                    .when().post("/api/v1/missions/" + missionId + "/dispatch").then().statusCode(202);
            C2ToEdge toA = nodeA.await(C2ToEdge::hasAssign);
            C2ToEdge toB = nodeB.await(C2ToEdge::hasAssign);
            CellPlan plan = toA.getAssign().getAssignment().getCellPlan();
            assertThat(plan.getCellsCount()).isGreaterThan(1);
            assertThat(plan.getNodesList()).containsExactly(a, b);
            assertThat(toB.getAssign().getAssignment().getCellPlan()).isEqualTo(plan);
            assertThat(toA.getAssign().getAssignment().hasAssignedArea()).as("old nodes still get a strip").isTrue();
            int total = plan.getCellsCount();

            nodeB.send(status(1, missionId, NodeMissionState.RUNNING, SwarmReport.newBuilder().setPlanVersion(1)
                    .setCellsTotal(total).addAllCellsOwned(List.of(1, 3)).addCellsDone(0).setCellsCovered(1).build()));
            sync(nodeB);
            given().when().get("/api/v1/missions/" + missionId).then().statusCode(200)
                    .body("state", equalTo("IN_PROGRESS"))
                    .body("coverage.cellsTotal", equalTo(total))
                    .body("coverage.nodes['" + b + "'].cellsOwned", contains(1, 3));

            // node-b is gone; node-a took over cells 1 and 3, covered everything and completed.
            nodeA.send(status(1, missionId, NodeMissionState.COMPLETED, SwarmReport.newBuilder().setPlanVersion(1)
                    .setCellsTotal(total).addCellsDone(1).addCellsDone(3).setCellsCovered(total).addLostNodes(b)
                    .addAllReallocatedCells(List.of(1, 3)).build()));
            sync(nodeA);
            given().when().get("/api/v1/missions/" + missionId).then().statusCode(200)
                    .body("state", equalTo("MISSION_COMPLETED"))
                    .body("coverage.coveragePercent", equalTo(100.0f))
                    .body("coverage.reallocatedCells", contains(1, 3))
                    .body("coverage.lostNodes", contains(b))
                    .body("coverage.nodes['" + a + "'].cellsDone", contains(1, 3));
        }
    }
}
