package io.lockstep.c2.api;

import io.quarkus.test.security.TestSecurity;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.c2.support.WasmModuleBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(user = "test-admin", roles = {"viewer", "operator", "commander", "admin"})
@QuarkusTestResource(C2TestResources.class)
class MissionApiTest {

    private static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/missions").then();
    }

    private static ValidatableResponse postInvalid(String body) {
        return post(body).statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }

    @Test
    void createsAMissionAndShowsIt() {
        String module = Fixtures.uploadModule();
        String id = post(Fixtures.missionJson(module))
                .statusCode(201)
                .header("Location", containsString("/api/v1/missions/"))
                .body("id", notNullValue())
                .body("name", equalTo("survey north field"))
                .body("state", equalTo("CREATED"))
                .body("spec.type", equalTo("SURVEY"))
                .body("spec.priority", equalTo(5))
                .body("spec.area.size()", equalTo(4))
                .body("spec.agents[0].module", equalTo(module))
                .extract().path("id");

        given().when().get("/api/v1/missions/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("state", equalTo("CREATED"))
                .body("nodes.size()", equalTo(0))
                .body("spec.linkLossPolicy", equalTo("HOLD"))
                .body("spec.limits.maxTicks", equalTo(500));

        given().when().get("/api/v1/missions")
                .then().statusCode(200)
                .body("id", hasItem(id));
    }

    @Test
    void keepsAgentParametersInTheOrderGiven() {
        String id = Fixtures.createMission(Fixtures.uploadModule());

        String body = given().when().get("/api/v1/missions/" + id).then().statusCode(200).extract().asString();

        int zeta = body.indexOf("\"zeta\"");
        int alpha = body.indexOf("\"alpha\"");
        int mid = body.indexOf("\"mid\"");
        assertThat(zeta).isPositive().isLessThan(alpha);
        assertThat(alpha).isLessThan(mid);
    }

    @Test
    void malformedJsonIsAProblem() {
        postInvalid("{\"name\": \"x\",").body("type", equalTo("urn:lockstep:problem:malformed-json"));
        postInvalid("{\"name\": \"x\"} trailing").body("type", equalTo("urn:lockstep:problem:malformed-json"));
    }

    @Test
    void unknownFieldsAreRefused() {
        String body = Fixtures.missionJson(Fixtures.uploadModule()).replace("\"priority\": 5", "\"priority\": 5, \"prio\": 3");

        postInvalid(body)
                .body("type", equalTo("urn:lockstep:problem:unknown-field"))
                .body("detail", containsString("'prio'"));
    }

    @Test
    void wrongTypesAndUnknownEnumValuesAreRefused() {
        String module = Fixtures.uploadModule();
        postInvalid(Fixtures.missionJson(module).replace("\"SURVEY\"", "\"PARTY\""))
                .body("type", equalTo("urn:lockstep:problem:invalid-field"))
                .body("detail", containsString("SURVEY, PATROL, DELIVER"));
        postInvalid(Fixtures.missionJson(module).replace("\"priority\": 5", "\"priority\": [5]"))
                .body("type", equalTo("urn:lockstep:problem:invalid-field"))
                .body("detail", containsString("priority"));
        postInvalid(Fixtures.missionJson(module).replace("\"limits\": {", "\"deadline\": \"tomorrow\", \"limits\": {"))
                .body("detail", containsString("deadline"));
    }

    @Test
    void priorityOutOfRangeIsRefused() {
        postInvalid(Fixtures.missionJson(Fixtures.uploadModule()).replace("\"priority\": 5", "\"priority\": 11"))
                .body("type", equalTo("urn:lockstep:problem:invalid-request"))
                .body("errors.field", contains("priority"))
                .body("errors[0].message", containsString("between 1 and 10"));
    }

    @Test
    void anEmptyBodyIsRefused() {
        postInvalid("").body("errors.field", contains("body"));
    }

    @Test
    void aFractionalPriorityIsRefused() {
        postInvalid(Fixtures.missionJson(Fixtures.uploadModule()).replace("\"priority\": 5", "\"priority\": 5.5"))
                .body("type", equalTo("urn:lockstep:problem:invalid-field"))
                .body("detail", containsString("priority"));
    }

    @Test
    void missingRequiredFieldsAreAllReported() {
        postInvalid("{}")
                .body("type", equalTo("urn:lockstep:problem:invalid-request"))
                .body("errors.field", contains("name", "type", "priority", "area", "agents"));
    }

    @Test
    void anAreaNeedsThreeVerticesInRange() {
        String module = Fixtures.uploadModule();
        String twoVertices = Fixtures.missionJson(module).replaceAll("(?s)\"area\": \\[.*?\\],\\s*\"agents\"",
                "\"area\": [{\"lat\": 1, \"lon\": 1}, {\"lat\": 2, \"lon\": 2}], \"agents\"");
        postInvalid(twoVertices).body("errors.field", contains("area"))
                .body("errors[0].message", containsString("has 2"));

        postInvalid(Fixtures.missionJson(module).replace("\"lat\": 47.02, \"lon\": 8.02", "\"lat\": 91, \"lon\": 8.02"))
                .body("errors.field", contains("area[2].lat"));
        postInvalid(Fixtures.missionJson(module).replace("\"lat\": 47.02, \"lon\": 8.02", "\"lat\": 47.02, \"lon\": -181"))
                .body("errors.field", contains("area[2].lon"));
        postInvalid(Fixtures.missionJson(module).replace("{\"lat\": 47.00, \"lon\": 8.00}, {", "{\"lat\": 47.00}, {"))
                .body("errors.field", contains("area[0].lon"));
    }

    @Test
    void aSelfIntersectingAreaIsRefused() {
        String bowTie = Fixtures.missionJson(Fixtures.uploadModule()).replaceAll("(?s)\"area\": \\[.*?\\],\\s*\"agents\"",
                "\"area\": [{\"lat\": 0, \"lon\": 0}, {\"lat\": 1, \"lon\": 1}, {\"lat\": 0, \"lon\": 1},"
                        + " {\"lat\": 1, \"lon\": 0}], \"agents\"");

        postInvalid(bowTie).body("errors[0].message", containsString("not a simple polygon"));
    }

    @Test
    void moduleDigestMustBePresentWellFormedAndKnown() {
        String valid = Fixtures.missionJson(Fixtures.uploadModule());
        String module = valid.replaceAll("(?s).*\"module\": \"([0-9a-f]{64})\".*", "$1");

        postInvalid(valid.replace("\"module\": \"" + module + "\",", ""))
                .body("errors.field", contains("agents[0].module"))
                .body("errors[0].message", containsString("is required"));
        postInvalid(valid.replace(module, "xyz"))
                .body("errors[0].message", containsString("not a lower-case hex SHA-256"));
        postInvalid(valid.replace(module, "f".repeat(64)))
                .body("errors[0].message", containsString("unknown module"));
    }

    @Test
    void aModuleImportingAnUngrantedHostFunctionIsRefused() {
        byte[] module = WasmModuleBuilder.agent()
                .importing("lockstep", "act_velocity", new byte[] {WasmModuleBuilder.F64, WasmModuleBuilder.F64},
                        new byte[] {WasmModuleBuilder.I32})
                .tag(Fixtures.uniqueId("mover")).build();
        String sha = Fixtures.uploadModule(module);

        postInvalid(Fixtures.missionJson(sha))
                .body("errors.field", contains("agents[0].capabilities.hostFunctions"))
                .body("errors[0].message", containsString("'act_velocity'"));

        post(Fixtures.missionJson(sha).replace("[\"sensor_read\"]", "[\"sensor_read\", \"act_velocity\"]"))
                .statusCode(201);
    }

    @Test
    void subscribingWithoutAMessageHandlerIsRefused() {
        String withoutHandler = Fixtures.uploadModule();
        String subscribing = "\"emitTopics\": [\"swarm/**\"], \"subscribeTopics\": [\"swarm/hazards/**\"]";

        postInvalid(Fixtures.missionJson(withoutHandler).replace("\"emitTopics\": [\"swarm/**\"]", subscribing))
                .body("errors.field", contains("agents[0].capabilities.subscribeTopics"))
                .body("errors[0].message", containsString("missing required export lockstep_on_message"));

        String withHandler = Fixtures.uploadModule(WasmModuleBuilder.agent().withOnMessage()
                .tag(Fixtures.uniqueId("listener")).build());
        post(Fixtures.missionJson(withHandler).replace("\"emitTopics\": [\"swarm/**\"]", subscribing))
                .statusCode(201);
    }

    @Test
    void aModuleNeedingMoreMemoryThanTheMissionAllowsIsRefused() {
        String module = Fixtures.uploadModule(WasmModuleBuilder.agent().memoryPages(17)
                .tag(Fixtures.uniqueId("big")).build());

        postInvalid(Fixtures.missionJson(module))
                .body("errors.field", contains("agents[0].module"))
                .body("errors[0].message", containsString("memory declares 17 initial pages, the limit is 16"));

        post(Fixtures.missionJson(module).replace("\"maxMemoryPages\": 16", "\"maxMemoryPages\": 17"))
                .statusCode(201);
    }

    @Test
    void aFuelBudgetTheNodeCannotRunIsRefused() {
        postInvalid(Fixtures.missionJson(Fixtures.uploadModule())
                .replace("\"fuelPerTick\": 1000000", "\"fuelPerTick\": " + Long.MAX_VALUE))
                .body("errors.field", contains("limits.fuelPerTick"));
    }

    @Test
    void reservedParametersAndUnknownModelsAreRefused() {
        String module = Fixtures.uploadModule();
        postInvalid(Fixtures.missionJson(module).replace("\"zeta\": \"1\"", "\"node\": \"1\""))
                .body("errors.field", contains("agents[0].parameters.node"));
        postInvalid(Fixtures.missionJson(module).replace("\"limits\"",
                "\"models\": [{\"name\": \"detector\", \"sha256\": \"" + "b".repeat(64) + "\"}], \"limits\""))
                .body("errors.field", contains("models[0].sha256"))
                .body("errors[0].message", containsString("unknown model"));
    }

    @Test
    void duplicateJsonKeysAreRefused() {
        postInvalid(Fixtures.missionJson(Fixtures.uploadModule()).replace("\"zeta\": \"1\"", "\"zeta\": \"1\", \"zeta\": \"2\""))
                .body("detail", containsString("zeta"));
    }

    @Test
    void anOversizeBodyIsRefused() {
        String huge = "{\"name\": \"" + "x".repeat(1_100_000) + "\"}";

        given().contentType(ContentType.JSON).body(huge)
                .when().post("/api/v1/missions")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:body-too-large"));
    }

    @Test
    void unknownMissionsAre404() {
        given().when().get("/api/v1/missions/nope")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:unknown-mission"))
                .body("instance", equalTo("/api/v1/missions/nope"));
        given().contentType(ContentType.JSON).body("{\"nodes\": [\"n\"]}")
                .when().post("/api/v1/missions/nope/dispatch")
                .then().statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).when().post("/api/v1/missions/nope/abort")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void dispatchNeedsKnownNodes() {
        String id = Fixtures.createMission(Fixtures.uploadModule());

        given().contentType(ContentType.JSON).body("{\"nodes\": [\"never-seen\"]}")
                .when().post("/api/v1/missions/" + id + "/dispatch")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("nodes[0]"))
                .body("errors[0].message", containsString("unknown node 'never-seen'"));
        given().contentType(ContentType.JSON).body("{\"nodes\": []}")
                .when().post("/api/v1/missions/" + id + "/dispatch")
                .then().statusCode(400)
                .body("errors.field", contains("nodes"));
        given().contentType(ContentType.JSON).body("{\"node\": [\"x\"]}")
                .when().post("/api/v1/missions/" + id + "/dispatch")
                .then().statusCode(400)
                .body("type", equalTo("urn:lockstep:problem:unknown-field"));
    }

    @Test
    void abortingACreatedMissionEndsIt() {
        String id = Fixtures.createMission(Fixtures.uploadModule());

        given().contentType(ContentType.JSON).body("{\"reason\": \"weather\"}")
                .when().post("/api/v1/missions/" + id + "/abort")
                .then().statusCode(202)
                .body("state", equalTo("MISSION_ABORTED"))
                .body("abortReason", equalTo("weather"));
        given().contentType(ContentType.JSON).when().post("/api/v1/missions/" + id + "/abort")
                .then().statusCode(202)
                .body("state", equalTo("MISSION_ABORTED"))
                .body("abortReason", equalTo("weather"));
    }
}
