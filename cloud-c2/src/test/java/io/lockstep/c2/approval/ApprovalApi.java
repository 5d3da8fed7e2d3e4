package io.lockstep.c2.approval;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.agents.ExampleAgents;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;

/** REST steps of the approval tests: missions the simulator can fly quickly, simulate, approve, dispatch. */
public final class ApprovalApi {

    private ApprovalApi() {
    }

    static String upload(String agent) {
        return given().contentType(ContentType.BINARY).body(ExampleAgents.bytes(agent))
                .when().post("/api/v1/modules").then().extract().path("sha256");
    }

    /**
     * A ~60 m x 55 m field (about 12 cells of 20 m) with 200 ms ticks, flown by one agent granted what the survey
     * agent needs to take cells (its lanes, the swarm.cells event, the coverage reports): with the survey module
     * simulated in a second or two.
     */
    static String createMission(String moduleSha, long maxTicks, String approval) {
        String body = """
                {"name": "small field", "type": "SURVEY", "priority": 5,
                 "area": [{"lat": 47.0, "lon": 8.0}, {"lat": 47.0, "lon": 8.0008},
                          {"lat": 47.0005, "lon": 8.0008}, {"lat": 47.0005, "lon": 8.0}],
                 "agents": [{"name": "worker", "module": "%s",
                             "parameters": {"lane_spacing": "20", "speed": "8", "ticks": "100000"},
                             "capabilities": {"hostFunctions": ["sensor_read", "act_velocity", "emit"],
                                              "emitTopics": ["swarm/progress/**", "swarm/covered/**"],
                                              "subscribeTopics": ["lockstep/event/swarm.cells"]}}],
                 "limits": {"tickPeriodMs": 200, "maxTicks": %d}%s}
                """.formatted(moduleSha, maxTicks, approval == null ? "" : ", \"approval\": " + approval);
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/missions")
                .then().statusCode(201).extract().path("id");
    }

    /** The same field flown by one agent that takes no cells (granted nothing): it completes when it finishes. */
    static String createCelllessMission(String moduleSha, long maxTicks) {
        String body = """
                {"name": "small field", "type": "PATROL", "priority": 5,
                 "area": [{"lat": 47.0, "lon": 8.0}, {"lat": 47.0, "lon": 8.0008},
                          {"lat": 47.0005, "lon": 8.0008}, {"lat": 47.0005, "lon": 8.0}],
                 "agents": [{"name": "worker", "module": "%s", "parameters": {"ticks": "100"},
                             "capabilities": {"hostFunctions": []}}],
                 "limits": {"tickPeriodMs": 200, "maxTicks": %d}}
                """.formatted(moduleSha, maxTicks);
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/missions")
                .then().statusCode(201).extract().path("id");
    }

    static String startSimulation(String missionId, int nodes) {
        return given().contentType(ContentType.JSON).body("{\"nodes\": " + nodes + "}")
                .when().post("/api/v1/missions/" + missionId + "/simulations")
                .then().statusCode(202).extract().path("id");
    }

    /** Polls the simulation until it finished; returns its last view. */
    public static JsonPath awaitSimulation(String missionId, String simulationId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            JsonPath view = given().when().get("/api/v1/missions/" + missionId + "/simulations/" + simulationId)
                    .then().statusCode(200).extract().jsonPath();
            String state = view.getString("state");
            if (state.equals("SUCCEEDED") || state.equals("FAILED")) {
                return view;
            }
            assertThat(System.nanoTime()).as("simulation %s still %s", simulationId, state).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    static String simulated(String missionId, int nodes) throws InterruptedException {
        String simulationId = startSimulation(missionId, nodes);
        assertThat(awaitSimulation(missionId, simulationId).getString("state")).isEqualTo("SUCCEEDED");
        return simulationId;
    }
}
