package io.lockstep.c2.mission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.lockstep.c2.module.Sha256;
import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.NodeCapabilities;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Capability matching on models at dispatch: a node that advertises its models gets only missions whose
 * models it holds (by name or by sha256); otherwise C2 answers 409 capability-mismatch naming the model.
 */
@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
@TestSecurity(user = "alice", roles = {"viewer", "operator", "commander", "admin"})
class ModelCapabilityMatchTest {

    private static String uploadModel(String name) {
        byte[] model = ("onnx-bytes-" + name).getBytes(StandardCharsets.UTF_8);
        given().contentType(ContentType.BINARY).body(model).when().post("/api/v1/models")
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
        return Sha256.of(model);
    }

    /** A mission whose one agent may run inference on the model {@code name}. */
    private static String missionNeedingModel(String module, String name, String sha) {
        String json = Fixtures.missionJson(module)
                .replace("\"hostFunctions\": [\"sensor_read\"]",
                        "\"hostFunctions\": [\"sensor_read\"], \"models\": [\"" + name + "\"]")
                .replace("\"linkLossPolicy\"", "\"models\": [{\"name\": \"" + name + "\", \"sha256\": \"" + sha
                        + "\"}], \"linkLossPolicy\"");
        return given().contentType(ContentType.JSON).body(json).when().post("/api/v1/missions")
                .then().statusCode(201).extract().path("id");
    }

    private static NodeCapabilities holding(String... models) {
        NodeCapabilities.Builder caps = NodeCapabilities.newBuilder().addAllHostFunctions(FakeEdgeNode.ALL_HOST_FUNCTIONS)
                .setMaxAgents(8);
        for (String model : models) {
            caps.addModels(model);
        }
        return caps.build();
    }

    private static io.restassured.response.ValidatableResponse dispatch(String missionId, String nodeId) {
        return given().contentType(ContentType.JSON).body("{\"nodes\": [\"" + nodeId + "\"]}")
                .when().post("/api/v1/missions/" + missionId + "/dispatch").then();
    }

    @Test
    void aMissionNeedingAModelTheNodeDoesNotHoldIsAConflictNamingTheModel() throws Exception {
        String module = Fixtures.uploadModule();
        String wanted = Fixtures.uniqueId("detector");
        String sha = uploadModel(wanted);
        String missionId = missionNeedingModel(module, wanted, sha);
        String nodeId = Fixtures.uniqueId("no-model");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.send(FakeEdgeNode.hello(nodeId, 0, holding("other-model", "a".repeat(64))));
            node.await(C2ToEdge::hasWelcome);
            dispatch(missionId, nodeId).statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("urn:lockstep:problem:capability-mismatch"))
                    .body("detail", containsString("node '" + nodeId + "' lacks model " + wanted))
                    .body("errors[0].field", equalTo("nodes[0]"))
                    .body("errors[0].message", containsString("model " + wanted));
            // Nothing was sent and the mission is untouched.
            given().when().get("/api/v1/missions/" + missionId).then().body("state", equalTo("CREATED"));
            assertThatThrownBy(() -> node.awaitNow(C2ToEdge::hasAssign)).isInstanceOf(AssertionError.class);
        }
    }

    @Test
    void aNodeHoldingTheModelByNameOrBySha256GetsTheMission() throws Exception {
        String module = Fixtures.uploadModule();
        String wanted = Fixtures.uniqueId("segmenter");
        String sha = uploadModel(wanted);
        String byName = Fixtures.uniqueId("by-name");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.send(FakeEdgeNode.hello(byName, 0, holding("other-model", wanted)));
            node.await(C2ToEdge::hasWelcome);
            String missionId = missionNeedingModel(module, wanted, sha);
            dispatch(missionId, byName).statusCode(202);
            node.await(m -> m.hasAssign() && m.getAssign().getAssignment().getMission().getId().equals(missionId));
        }
        String bySha = Fixtures.uniqueId("by-sha");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.send(FakeEdgeNode.hello(bySha, 0, holding(sha)));
            node.await(C2ToEdge::hasWelcome);
            String missionId = missionNeedingModel(module, wanted, sha);
            dispatch(missionId, bySha).statusCode(202);
            node.await(m -> m.hasAssign() && m.getAssign().getAssignment().getMission().getId().equals(missionId));
        }
    }

    @Test
    void aNodeThatAdvertisesNoModelListIsNotRefusedForModels() throws Exception {
        // An older node (no model list) is not checked on models: it fetches them from C2 itself.
        String module = Fixtures.uploadModule();
        String wanted = Fixtures.uniqueId("tracker");
        String sha = uploadModel(wanted);
        String nodeId = Fixtures.uniqueId("old-node");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.send(FakeEdgeNode.hello(nodeId, 0, holding()));
            node.await(C2ToEdge::hasWelcome);
            dispatch(missionNeedingModel(module, wanted, sha), nodeId).statusCode(202);
        }
    }
}
