package io.lockstep.c2.approval;

import static io.lockstep.c2.approval.ApprovalApi.awaitSimulation;
import static io.lockstep.c2.approval.ApprovalApi.createMission;
import static io.lockstep.c2.approval.ApprovalApi.simulated;
import static io.lockstep.c2.approval.ApprovalApi.startSimulation;
import static io.lockstep.c2.approval.ApprovalApi.upload;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.lockstep.c2.mission.MissionRecord;
import io.lockstep.c2.mission.MissionSpec;
import io.lockstep.c2.mission.MissionStore;
import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.proto.signing.MissionSigningKeys;
import io.lockstep.proto.v1.AssignMission;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.MissionAssignment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Simulation first: simulate, approve the exact bytes, dispatch a signed assignment; and every refusal. */
@QuarkusTest
@TestProfile(ApprovalPolicyOn.class)
@QuarkusTestResource(C2TestResources.class)
@TestSecurity(user = "alice", roles = {"viewer", "operator", "commander", "admin"})
class SimulationApprovalTest {

    @Inject
    MissionStore missions;

    private static void dispatchRefused(String missionId, String nodeId, String why) {
        given().contentType(ContentType.JSON).body("{\"nodes\": [\"" + nodeId + "\"]}")
                .when().post("/api/v1/missions/" + missionId + "/dispatch")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:approval-required"))
                .body("detail", containsString(why));
    }

    private static io.restassured.response.ValidatableResponse approve(String missionId, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/missions/" + missionId + "/approvals").then();
    }

    @Test
    void aSimulatedAndApprovedMissionIsDispatchedSigned() throws Exception {
        String missionId = createMission(upload("survey"), 3000, null);
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            String nodeId = Fixtures.uniqueId("node");
            node.hello(nodeId);
            dispatchRefused(missionId, nodeId, "no simulation of these bytes");

            String simulationId = startSimulation(missionId, 2);
            JsonPath sim = awaitSimulation(missionId, simulationId);
            assertThat(sim.getString("state")).isEqualTo("SUCCEEDED");
            assertThat(sim.getString("requestedBy")).isEqualTo("alice");
            assertThat(sim.getInt("progressPermille")).isEqualTo(1000);
            assertThat(sim.getDouble("outcome.coveragePercent")).isEqualTo(100.0);
            assertThat(sim.getInt("outcome.cellsCovered")).isEqualTo(sim.getInt("outcome.cellsTotal")).isPositive();
            assertThat(sim.getLong("outcome.predictedDurationMs")).isEqualTo(sim.getLong("outcome.ticks") * 200);
            assertThat(sim.getLong("outcome.fuelByAgent.worker")).isPositive();
            assertThat(sim.getList("outcome.faults")).isEmpty();
            // the plan the dashboard overlays and C2 follows: each simulated node's path and each cell's timing
            assertThat(sim.getInt("outcome.tickPeriodMs")).isEqualTo(200);
            assertThat(sim.getBoolean("outcome.cellsRequired")).isTrue();
            assertThat(sim.getMap("outcome.paths")).containsOnlyKeys("node-1", "node-2");
            List<Map<String, Object>> path = sim.getList("outcome.paths.'node-1'");
            assertThat(path).hasSizeGreaterThan(2);
            assertThat(((Number) path.get(path.size() - 1).get("tick")).longValue()).isEqualTo(sim.getLong("outcome.ticks"));
            assertThat(sim.getList("outcome.cellCoverage")).hasSize(sim.getInt("outcome.cellsTotal"));
            assertThat(sim.getList("outcome.cellCoverage.tick", Long.class)).allMatch(t -> t >= 0);
            List<String> journals = sim.getList("outcome.journals");
            assertThat(journals).hasSize(2);
            for (String journal : journals) {
                assertThat(Files.size(Path.of(journal))).isPositive();
                assertThat(journal).contains(sim.getString("missionDigest"));
            }
            dispatchRefused(missionId, nodeId, "has 0 of 1 approvals");

            approve(missionId, "{\"simulationId\": \"" + simulationId + "\", \"missionDigest\": \"" + "0".repeat(64) + "\"}")
                    .statusCode(409).body("type", equalTo("urn:lockstep:problem:approval-digest-mismatch"));
            approve(missionId, "{\"simulationId\": \"" + simulationId + "\", \"missionDigest\": \""
                    + sim.getString("missionDigest") + "\"}")
                    .statusCode(200).body("dispatchable", equalTo(true)).body("approvals[0].approvedBy", equalTo("alice"));
            approve(missionId, "{\"simulationId\": \"" + simulationId + "\"}")
                    .statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("urn:lockstep:problem:duplicate-approval"))
                    .body("detail", containsString("alice already approved"));

            given().contentType(ContentType.JSON).body("{\"nodes\": [\"" + nodeId + "\"]}")
                    .when().post("/api/v1/missions/" + missionId + "/dispatch").then().statusCode(202);
            AssignMission assign = node.await(C2ToEdge::hasAssign).getAssign();
            JsonPath key = given().when().get("/api/v1/signing-key").then().statusCode(200).extract().jsonPath();
            PublicKey publicKey = MissionSigningKeys.parsePublicKey(key.getString("publicKey"));
            assertThat(MissionSigningKeys.parsePublicKey(key.getString("pem"))).isEqualTo(publicKey);
            assertThat(assign.getSigningKeyId()).isEqualTo(key.getString("keyId"))
                    .isEqualTo(MissionSigningKeys.keyId(publicKey));
            assertThat(MissionSigningKeys.verify(publicKey, assign.getSignedAssignment().toByteArray(),
                    assign.getSignature().toByteArray())).isTrue();
            assertThat(MissionAssignment.parseFrom(assign.getSignedAssignment())).isEqualTo(assign.getAssignment());
            assertThat(assign.getAssignment().getMission().getId()).isEqualTo(missionId);

            approve(missionId, "{\"simulationId\": \"" + simulationId + "\"}").statusCode(409);
        }
    }

    @Test
    void aFailedSimulationCannotBeApprovedAndBlocksDispatch() throws Exception {
        String missionId = createMission(upload("survey"), 5, null);
        String simulationId = startSimulation(missionId, 1);
        JsonPath sim = awaitSimulation(missionId, simulationId);
        assertThat(sim.getString("state")).isEqualTo("FAILED");
        assertThat(sim.getString("error")).contains("cells covered in 5 ticks");
        assertThat(sim.getDouble("outcome.coveragePercent")).isLessThan(100.0);
        approve(missionId, "{\"simulationId\": \"" + simulationId + "\"}")
                .statusCode(409).body("type", equalTo("urn:lockstep:problem:simulation-not-succeeded"))
                .body("detail", containsString("FAILED"));
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            String nodeId = Fixtures.uniqueId("node");
            node.hello(nodeId);
            dispatchRefused(missionId, nodeId, "FAILED");
        }
    }

    @Test
    void aFaultingAgentFailsItsSimulationByName() throws Exception {
        String missionId = ApprovalApi.createCelllessMission(upload("hostile-trap"), 3000);
        JsonPath sim = awaitSimulation(missionId, startSimulation(missionId, 1));
        assertThat(sim.getString("state")).isEqualTo("FAILED");
        assertThat(sim.getList("outcome.faults", String.class)).singleElement().asString()
                .startsWith("node-1/worker: TRAP(");
    }

    @Test
    void anApprovalOfAlteredMissionBytesIsStale() throws Exception {
        String missionId = createMission(upload("survey"), 3000, null);
        String simulationId = simulated(missionId, 1);
        MissionRecord record = missions.find(missionId).orElseThrow();
        MissionSpec s = record.spec();
        MissionSpec altered = new MissionSpec(s.name(), s.type(), s.priority() + 1, s.area(), s.frameOrigin(), s.agents(),
                s.models(), s.deadline(), s.limits(), s.linkLossPolicy(), s.linkLossTimeoutMs(), s.approval(), s.requirements(),
                s.carryingPayload());
        missions.save(new MissionRecord(record.id(), altered, record.createdAt(), null, List.of(), null, null));

        approve(missionId, "{\"simulationId\": \"" + simulationId + "\"}")
                .statusCode(409).body("type", equalTo("urn:lockstep:problem:stale-simulation"))
                .body("detail", containsString("simulate it again"));
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            String nodeId = Fixtures.uniqueId("node");
            node.hello(nodeId);
            dispatchRefused(missionId, nodeId, "earlier simulation(s) simulated other bytes");
        }
    }

    @Test
    void theSameMissionBytesSimulateTheSameWay() throws Exception {
        String missionId = createMission(upload("survey"), 3000, null);
        JsonPath a = awaitSimulation(missionId, startSimulation(missionId, 2));
        JsonPath b = awaitSimulation(missionId, startSimulation(missionId, 2));
        assertThat(b.getString("outcome.reportDigest")).isEqualTo(a.getString("outcome.reportDigest"));
        assertThat(b.getLong("outcome.ticks")).isEqualTo(a.getLong("outcome.ticks"));
        assertThat(given().when().get("/api/v1/missions/" + missionId + "/simulations").then().statusCode(200)
                .extract().jsonPath().getList("id")).hasSize(2);
    }

    @Test
    void badApprovalAndSimulationRequestsAreClearProblems() {
        String missionId = createMission(upload("survey"), 3000, null);
        approve(missionId, "{\"simulationId\": \"nope\"}").statusCode(404)
                .body("type", equalTo("urn:lockstep:problem:unknown-simulation"));
        approve(missionId, "{}").statusCode(400).body("errors[0].field", equalTo("simulationId"));
        approve(missionId, "{\"simulationId\": \"x\", \"missionDigest\": \"abc\"}").statusCode(400)
                .body("errors[0].field", equalTo("missionDigest"));
        approve(missionId, "{\"simulationId\": \"x\", \"replay\": true}").statusCode(400)
                .body("type", equalTo("urn:lockstep:problem:unknown-field"));
        given().contentType(ContentType.JSON).body("{\"nodes\": 0}")
                .when().post("/api/v1/missions/" + missionId + "/simulations")
                .then().statusCode(400).body("errors[0].field", equalTo("nodes"));
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/missions/unknown-mission/simulations")
                .then().statusCode(404).body("type", equalTo("urn:lockstep:problem:unknown-mission"));
        given().contentType(ContentType.JSON)
                .body(Fixtures.missionJson(upload("hello")).replace("\"linkLossPolicy\"", "\"approval\": {\"required\": 6}, \"linkLossPolicy\""))
                .when().post("/api/v1/missions").then().statusCode(400)
                .body("errors[0].field", equalTo("approval.required"));
    }
}
