package io.lockstep.edge.debug;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

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
        given().get("/debug/v1/ticks?from=9&to=3").then().statusCode(400);
        given().get("/debug/v1/ticks?from=abc").then().statusCode(404);
        given().header(TOKEN, "test-token").contentType(ContentType.JSON).body("{not json")
                .post("/debug/v1/estop").then().statusCode(400);
        given().header(TOKEN, "test-token").contentType(ContentType.JSON)
                .body("{\"kind\": \"a/b\", \"dataBase64\": \"AAA=\"}")
                .post("/debug/v1/inject").then().statusCode(400);
        given().header(TOKEN, "test-token").contentType(ContentType.JSON)
                .body("{\"kind\": \"probe\", \"dataBase64\": \"%%%\"}")
                .post("/debug/v1/inject").then().statusCode(400);
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
