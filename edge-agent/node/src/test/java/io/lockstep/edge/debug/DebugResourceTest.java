package io.lockstep.edge.debug;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class DebugResourceTest {

    private static final String TOKEN = DebugWriteGuard.TOKEN_HEADER;

    @Test
    void statusIsReadableWithoutToken() {
        given().get("/debug/v1/status").then().statusCode(200)
                .body("nodeId", equalTo("node-test"))
                .body("missionState", equalTo("NONE"))
                .body("interventions", hasKey("GEOFENCE_CLAMP"));
    }

    @Test
    void metricsAndInterventionsAreReadable() {
        given().get("/debug/v1/metrics").then().statusCode(200)
                .body("'link.sessions'", equalTo(0))
                .body("$", hasKey("outbox.pending"))
                .body("$", hasKey("spool.dropped"))
                .body("$", hasKey("commands.duplicates"));
        given().get("/debug/v1/interventions").then().statusCode(200);
    }

    @Test
    void aWriteWithoutOrWithAWrongTokenIsForbidden() {
        given().contentType(ContentType.JSON).body("{\"engaged\": true, \"reason\": \"x\"}")
                .post("/debug/v1/estop").then().statusCode(403);
        given().header(TOKEN, "wrong").contentType(ContentType.JSON).body("{\"engaged\": true}")
                .post("/debug/v1/estop").then().statusCode(403);
        given().post("/debug/v1/pause").then().statusCode(403);
        given().get("/debug/v1/status").then().body("emergencyStopLatched", equalTo(false));
    }

    @Test
    void aLocalEstopWithTheTokenLatchesAndClears() {
        given().header(TOKEN, "test-token").contentType(ContentType.JSON)
                .body("{\"engaged\": true, \"reason\": \"operator at the vehicle\"}")
                .post("/debug/v1/estop").then().statusCode(200).body("emergencyStopLatched", equalTo(true))
                .body("interventions.ESTOP", equalTo(1));
        given().get("/debug/v1/interventions").then().statusCode(200)
                .body(containsString("LOCAL_DEBUG_PORT"));
        given().header(TOKEN, "test-token").contentType(ContentType.JSON).body("{\"engaged\": false}")
                .post("/debug/v1/estop").then().statusCode(200).body("emergencyStopLatched", equalTo(false));
    }

    @Test
    void waitingForAHazardIsBoundedAndOneNeverAppliedIsNotFound() {
        given().get("/debug/v1/hazards/node-x/1?waitMs=-1").then().statusCode(400);
        given().get("/debug/v1/hazards/node-x/1?waitMs=30001").then().statusCode(400);
        given().get("/debug/v1/hazards/node-x/1?waitMs=5").then().statusCode(404)
                .body(containsString("node-x/1 was not applied within 5 ms"));
    }

    @Test
    void badInputIsAClearClientError() {
        given().get("/debug/v1/ticks?from=9&to=3").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("must not be below from"));
        given().header(TOKEN, "test-token").contentType(ContentType.JSON).body("{not json")
                .post("/debug/v1/estop").then().statusCode(400);
        given().header(TOKEN, "test-token").contentType(ContentType.JSON)
                .body("{\"kind\": \"a/b\", \"dataBase64\": \"AAA=\"}")
                .post("/debug/v1/inject").then().statusCode(400);
        given().header(TOKEN, "test-token").contentType(ContentType.JSON)
                .body("{\"kind\": \"probe\", \"dataBase64\": \"%%%\"}")
                .post("/debug/v1/inject").then().statusCode(400);
    }

    /** Every numeric or boolean query parameter of the debug port, each with a value it cannot take. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/debug/v1/ticks?from=abc        | from",
        "/debug/v1/ticks?from=-1         | from",
        "/debug/v1/ticks?to=1.5          | to",
        "/debug/v1/ticks?limit=0         | limit",
        "/debug/v1/ticks?limit=99999999999 | limit",
        "/debug/v1/logs?after=abc        | after",
        "/debug/v1/logs?limit=x          | limit",
        "/debug/v1/logs?waitMs=soon      | waitMs",
        "/debug/v1/logs?follow=yes       | follow",
        "/debug/v1/logs?follow=true&followMs=ten | followMs"})
    void anUnparsableOrOutOfRangeQueryParameterIsA400Problem(String url, String parameter) {
        given().get(url).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:invalid-query"))
                .body("status", equalTo(400))
                .body("detail", startsWith(parameter + " must be"));
    }

    @Test
    void otherClientErrorsOfTheDebugPortAreProblemsToo() {
        given().get("/debug/v1/journal").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:not-found"))
                .body("detail", equalTo("no mission on this node"));
        given().post("/debug/v1/pause").then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("X-Lockstep-Debug-Token"));
        given().get("/debug/v1/nowhere").then().statusCode(404).contentType("application/problem+json");
        given().delete("/debug/v1/status").then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void withoutAMissionThereIsNothingToStepOrDownload() {
        given().header(TOKEN, "test-token").post("/debug/v1/step").then().statusCode(404);
        given().get("/debug/v1/journal").then().statusCode(404);
        given().get("/debug/v1/replay").then().statusCode(404);
    }

    @Test
    void theDebugPortIsDocumentedWithOpenApi() {
        given().get("/debug/v1/openapi").then().statusCode(200)
                .body(containsString("/debug/v1/status")).body(containsString("/debug/v1/estop"));
    }
}
