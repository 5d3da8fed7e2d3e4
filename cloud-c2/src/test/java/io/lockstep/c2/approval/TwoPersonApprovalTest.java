package io.lockstep.c2.approval;

import static io.lockstep.c2.approval.ApprovalApi.createMission;
import static io.lockstep.c2.approval.ApprovalApi.simulated;
import static io.lockstep.c2.approval.ApprovalApi.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.proto.v1.C2ToEdge;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** A mission that asks for two approvals needs two different commanders; alice approving twice does not count. */
@QuarkusTest
@TestProfile(ApprovalPolicyOn.class)
@QuarkusTestResource(C2TestResources.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoPersonApprovalTest {

    private static String missionId;
    private static String simulationId;

    private static String body() {
        return "{\"simulationId\": \"" + simulationId + "\"}";
    }

    @Test
    @Order(1)
    @TestSecurity(user = "alice", roles = {"viewer", "commander", "admin"})
    void aliceApprovesOnceOnly() throws Exception {
        missionId = createMission(upload("survey"), 3000, "{\"required\": 2}");
        simulationId = simulated(missionId, 1);
        given().contentType(ContentType.JSON).body(body()).when().post("/api/v1/missions/" + missionId + "/approvals")
                .then().statusCode(200).body("dispatchable", equalTo(false)).body("required", equalTo(2))
                .body("missing", containsString("1 of 2 approvals (alice)"));
        given().contentType(ContentType.JSON).body(body()).when().post("/api/v1/missions/" + missionId + "/approvals")
                .then().statusCode(409).body("type", equalTo("urn:lockstep:problem:duplicate-approval"));
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            String nodeId = Fixtures.uniqueId("node");
            node.hello(nodeId);
            given().contentType(ContentType.JSON).body("{\"nodes\": [\"" + nodeId + "\"]}")
                    .when().post("/api/v1/missions/" + missionId + "/dispatch")
                    .then().statusCode(409).body("type", equalTo("urn:lockstep:problem:approval-required"))
                    .body("detail", containsString("2 different commanders"))
                    .body("detail", containsString("1 of 2 approvals (alice)"));
        }
    }

    @Test
    @Order(2)
    @TestSecurity(user = "viewer-vic", roles = {"viewer"})
    void aViewerCannotApprove() {
        given().contentType(ContentType.JSON).body(body()).when().post("/api/v1/missions/" + missionId + "/approvals")
                .then().statusCode(403);
        given().when().get("/api/v1/missions/" + missionId + "/approvals").then().statusCode(200)
                .body("approvals.size()", equalTo(1));
    }

    @Test
    @Order(3)
    @TestSecurity(user = "bob", roles = {"viewer", "commander", "admin"})
    void bobsSecondApprovalAllowsDispatch() throws Exception {
        given().contentType(ContentType.JSON).body(body()).when().post("/api/v1/missions/" + missionId + "/approvals")
                .then().statusCode(200).body("dispatchable", equalTo(true))
                .body("approvals.approvedBy", org.hamcrest.Matchers.contains("alice", "bob"));
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            String nodeId = Fixtures.uniqueId("node");
            node.hello(nodeId);
            given().contentType(ContentType.JSON).body("{\"nodes\": [\"" + nodeId + "\"]}")
                    .when().post("/api/v1/missions/" + missionId + "/dispatch").then().statusCode(202);
            node.await(C2ToEdge::hasAssign);
        }
    }
}
