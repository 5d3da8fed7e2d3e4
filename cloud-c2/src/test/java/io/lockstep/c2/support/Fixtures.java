package io.lockstep.c2.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.UUID;

/** REST helpers shared by the API tests. */
public final class Fixtures {

    private Fixtures() {
    }

    /**
     * Waits until C2 shows a node's telemetry up to {@code tick} as its latest sample: the history is written
     * off the link (TelemetryIntake), so an answer on the link does not mean the samples are stored yet.
     */
    public static void awaitStoredTelemetry(String nodeId, long tick) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Number stored = given().when().get("/api/v1/nodes/" + nodeId).then().extract().path("telemetry.tick");
            if (stored != null && stored.longValue() >= tick) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("node " + nodeId + " telemetry up to tick " + tick + " not stored within 30 s"
                        + " (latest stored: " + stored + ")");
            }
            Thread.sleep(20);
        }
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Uploads a fresh valid agent module and returns its sha256. */
    public static String uploadModule() {
        return uploadModule(WasmModuleBuilder.agent().tag(uniqueId("module")).build());
    }

    public static String uploadModule(byte[] module) {
        return given().contentType(ContentType.BINARY).body(module)
                .when().post("/api/v1/modules")
                .then().statusCode(201)
                .extract().path("sha256");
    }

    /** A valid mission body over a 2x2 km-ish square, using {@code moduleSha}. */
    public static String missionJson(String moduleSha) {
        return """
                {
                  "name": "survey north field",
                  "type": "SURVEY",
                  "priority": 5,
                  "area": [{"lat": 47.00, "lon": 8.00}, {"lat": 47.00, "lon": 8.02},
                           {"lat": 47.02, "lon": 8.02}, {"lat": 47.02, "lon": 8.00}],
                  "agents": [{
                    "name": "surveyor",
                    "module": "%s",
                    "parameters": {"zeta": "1", "alpha": "2", "mid": "3"},
                    "capabilities": {"hostFunctions": ["sensor_read"], "emitTopics": ["swarm/**"]}
                  }],
                  "limits": {"tickPeriodMs": 20, "fuelPerTick": 1000000, "maxMemoryPages": 16, "maxTicks": 500},
                  "linkLossPolicy": "HOLD",
                  "linkLossTimeoutMs": 5000
                }
                """.formatted(moduleSha);
    }

    /** Creates a mission and returns its id. */
    public static String createMission(String moduleSha) {
        return given().contentType(ContentType.JSON).body(missionJson(moduleSha))
                .when().post("/api/v1/missions")
                .then().statusCode(201)
                .extract().path("id");
    }
}
