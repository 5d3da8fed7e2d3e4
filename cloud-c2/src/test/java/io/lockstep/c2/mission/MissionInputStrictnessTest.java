package io.lockstep.c2.mission;

import io.quarkus.test.security.TestSecurity;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the docs promise is a 400: JSON values of the wrong type are never coerced, and areas C2 cannot
 * split (across the antimeridian) or the node cannot project (near a pole) are refused with a clear field.
 */
@QuarkusTest
@TestSecurity(user = "test-admin", roles = {"viewer", "operator", "commander", "admin"})
@QuarkusTestResource(C2TestResources.class)
class MissionInputStrictnessTest {

    private String module;

    @BeforeEach
    void upload() {
        module = Fixtures.uploadModule();
    }

    private void refusedAsInvalidField(String body) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/missions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:invalid-field"));
    }

    @Test
    void aNumberWrittenAsAStringIsRefused() {
        refusedAsInvalidField(Fixtures.missionJson(module).replace("\"priority\": 5", "\"priority\": \"5\""));
        refusedAsInvalidField(Fixtures.missionJson(module).replace("{\"lat\": 47.00, \"lon\": 8.00}",
                "{\"lat\": \"47.0\", \"lon\": 8.00}"));
        refusedAsInvalidField(Fixtures.missionJson(module).replace("\"tickPeriodMs\": 20", "\"tickPeriodMs\": \"20\""));
    }

    @Test
    void aStringWrittenAsANumberOrBooleanIsRefused() {
        refusedAsInvalidField(Fixtures.missionJson(module).replace("\"name\": \"survey north field\"", "\"name\": 42"));
        refusedAsInvalidField(Fixtures.missionJson(module).replace("\"name\": \"survey north field\"", "\"name\": true"));
        refusedAsInvalidField(Fixtures.missionJson(module).replace("\"zeta\": \"1\"", "\"zeta\": 1"));
    }

    @Test
    void anEnumOrListWrittenAsSomethingElseIsRefused() {
        refusedAsInvalidField(Fixtures.missionJson(module).replace("\"linkLossPolicy\": \"HOLD\"", "\"linkLossPolicy\": \"\""));
        refusedAsInvalidField(Fixtures.missionJson(module).replace("\"hostFunctions\": [\"sensor_read\"]",
                "\"hostFunctions\": \"sensor_read\""));
    }

    @Test
    void theCorrectlyTypedMissionIsStillAccepted() {
        given().contentType(ContentType.JSON).body(Fixtures.missionJson(module))
                .when().post("/api/v1/missions").then().statusCode(201);
    }

    @Test
    void anAreaAcrossTheAntimeridianIsRefused() {
        String body = Fixtures.missionJson(module).replace("""
                [{"lat": 47.00, "lon": 8.00}, {"lat": 47.00, "lon": 8.02},
                           {"lat": 47.02, "lon": 8.02}, {"lat": 47.02, "lon": 8.00}]""", """
                [{"lat": 47.00, "lon": 179.99}, {"lat": 47.00, "lon": -179.99},
                           {"lat": 47.02, "lon": -179.99}, {"lat": 47.02, "lon": 179.99}]""");
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/missions")
                .then().statusCode(400)
                .body("type", equalTo("urn:lockstep:problem:invalid-request"))
                .body("errors.field", hasItem("area"))
                .body("detail", containsString("antimeridian"));
    }

    @Test
    void anAreaNearAPoleIsRefused() {
        String body = Fixtures.missionJson(module).replace("""
                [{"lat": 47.00, "lon": 8.00}, {"lat": 47.00, "lon": 8.02},
                           {"lat": 47.02, "lon": 8.02}, {"lat": 47.02, "lon": 8.00}]""", """
                [{"lat": 89.50, "lon": 8.00}, {"lat": 89.50, "lon": 8.02},
                           {"lat": 89.52, "lon": 8.02}, {"lat": 89.52, "lon": 8.00}]""");
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/missions")
                .then().statusCode(400)
                .body("type", equalTo("urn:lockstep:problem:invalid-request"))
                .body("detail", containsString("pole"));
        String origin = Fixtures.missionJson(module).replace("\"priority\": 5,",
                "\"priority\": 5, \"frameOrigin\": {\"lat\": -89.9, \"lon\": 8.0},");
        given().contentType(ContentType.JSON).body(origin)
                .when().post("/api/v1/missions")
                .then().statusCode(400)
                .body("errors.field", hasItem("frameOrigin.lat"));
    }
}
