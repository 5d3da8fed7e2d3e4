package io.lockstep.c2.stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.agents.ExampleAgents;
import io.lockstep.c2.approval.ApprovalApi;
import io.lockstep.c2.approval.ApprovalPolicyOn;
import io.lockstep.c2.plan.PlanDriftMonitor;
import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.Telemetry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Plan against reality with a real simulation, approval and dispatch, and a fake node's telemetry: following the
 * approved simulation's predicted path raises nothing; leaving it raises one plan-departure alert in the stream,
 * carrying the tick where the departure began.
 */
@QuarkusTest
@TestProfile(ApprovalPolicyOn.class)
@QuarkusTestResource(C2TestResources.class)
@TestSecurity(user = "alice", roles = {"viewer", "operator", "commander", "admin"})
class PlanDriftStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TestHTTPResource("/api/v1/stream")
    URI stream;

    @Inject
    PlanDriftMonitor monitor;

    @Test
    void aNodeLeavingItsApprovedPlanRaisesOnePlanDepartureAlertWithTheTickWhereItBegan() throws Exception {
        String module = given().contentType(ContentType.BINARY).body(ExampleAgents.bytes("survey"))
                .when().post("/api/v1/modules").then().extract().path("sha256");
        String missionId = given().contentType(ContentType.JSON).body("""
                {"name": "small field", "type": "SURVEY", "priority": 5,
                 "area": [{"lat": 47.0, "lon": 8.0}, {"lat": 47.0, "lon": 8.0008},
                          {"lat": 47.0005, "lon": 8.0008}, {"lat": 47.0005, "lon": 8.0}],
                 "agents": [{"name": "survey", "module": "%s", "parameters": {"lane_spacing": "20", "speed": "8"},
                             "capabilities": {"hostFunctions": ["sensor_read", "act_velocity", "emit"],
                                              "emitTopics": ["swarm/progress/**", "swarm/covered/**"],
                                              "subscribeTopics": ["lockstep/event/swarm.cells"]}}],
                 "limits": {"tickPeriodMs": 200, "maxTicks": 3000}}
                """.formatted(module)).when().post("/api/v1/missions").then().statusCode(201).extract().path("id");
        String simulationId = given().contentType(ContentType.JSON).body("{\"nodes\": 1}")
                .when().post("/api/v1/missions/" + missionId + "/simulations").then().statusCode(202).extract().path("id");
        JsonPath sim = ApprovalApi.awaitSimulation(missionId, simulationId);
        assertThat(sim.getString("state")).isEqualTo("SUCCEEDED");
        List<Map<String, Object>> path = sim.getList("outcome.paths.'node-1'");
        assertThat(path).hasSizeGreaterThan(10);
        given().contentType(ContentType.JSON).body("{\"simulationId\": \"" + simulationId + "\"}")
                .when().post("/api/v1/missions/" + missionId + "/approvals").then().statusCode(200);

        String nodeId = Fixtures.uniqueId("node");
        try (FakeEdgeNode node = FakeEdgeNode.connect(); StreamTestClient client = StreamTestClient.connect(stream)) {
            client.await(StreamTestClient.type("snapshot"), WAIT);
            node.hello(nodeId);
            given().contentType(ContentType.JSON).body("{\"nodes\": [\"" + nodeId + "\"]}")
                    .when().post("/api/v1/missions/" + missionId + "/dispatch").then().statusCode(202);
            node.await(C2ToEdge::hasAssign);

            // the first sample makes C2 look the plan up (off the link's thread)
            sample(node, missionId, 0, number(path.get(0), "xM"), number(path.get(0), "yM"));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!monitor.following(missionId)) {
                assertThat(System.nanoTime()).as("C2 follows mission %s", missionId).isLessThan(deadline);
                sample(node, missionId, 0, number(path.get(0), "xM"), number(path.get(0), "yM"));
                Thread.sleep(50);
            }
            // the first half exactly as planned: nothing to report
            int half = path.size() / 2;
            for (int i = 1; i <= half; i++) {
                Map<String, Object> p = path.get(i);
                sample(node, missionId, number(p, "tick").longValue(), number(p, "xM"), number(p, "yM"));
            }
            // then 100 m east of the plan, a sample every 5 ticks (1 s) for 10 s: 3 s sustained makes a departure
            long began = number(path.get(half), "tick").longValue() + 5;
            for (long tick = began; tick < began + 50; tick += 5) {
                double[] at = plannedAt(path, tick);
                sample(node, missionId, tick, at[0] + 100, at[1]);
            }
            JsonNode frame = client.await(f -> event(f, nodeId) != null, WAIT);
            JsonNode alert = event(frame, nodeId);
            assertThat(alert.path("alert").asBoolean()).isTrue();
            assertThat(alert.path("severity").asText()).isEqualTo("plan");
            assertThat(alert.path("missionId").asText()).isEqualTo(missionId);
            assertThat(alert.path("tick").asLong()).isEqualTo(began);
            assertThat(alert.path("sinceTick").asLong()).isEqualTo(began);
            assertThat(alert.path("seenAtTick").asLong()).isEqualTo(began + 15);
            assertThat(alert.path("offM").asDouble()).isBetween(99.0, 101.0);
            assertThat(alert.path("plannedAs").asText()).isEqualTo("node-1");
            assertThat(alert.path("detail").asText()).contains("since tick " + began);

            // still off: no second alert for the same departure (a later marker sample shows the stream moved on)
            sample(node, missionId, began + 55, 500, 500);
            long marker = began + 60;
            sample(node, missionId, marker, 500, 500);
            int[] more = {0};
            client.await(f -> {
                if (event(f, nodeId) != null) {
                    more[0]++;
                }
                for (JsonNode s : f.path("samples")) {
                    if (nodeId.equals(s.path("nodeId").asText()) && s.path("tick").asLong() == marker) {
                        return true;
                    }
                }
                return false;
            }, WAIT);
            assertThat(more[0]).as("alerts after the first for the same departure").isZero();
        }
    }

    private static double[] plannedAt(List<Map<String, Object>> path, long tick) {
        Map<String, Object> best = path.get(0);
        for (Map<String, Object> p : path) {
            if (number(p, "tick").longValue() <= tick) {
                best = p;
            }
        }
        return new double[] {number(best, "xM").doubleValue(), number(best, "yM").doubleValue()};
    }

    private static Number number(Map<String, Object> point, String key) {
        return (Number) point.get(key);
    }

    private static void sample(FakeEdgeNode node, String missionId, long tick, Number x, Number y) {
        node.send(EdgeToC2.newBuilder().setTelemetry(Telemetry.newBuilder().setMissionId(missionId).setTick(tick)
                .setXM(x.doubleValue()).setYM(y.doubleValue()).setBatteryFraction(0.9)).build());
    }

    private static void sample(FakeEdgeNode node, String missionId, long tick, double x, double y) {
        sample(node, missionId, tick, (Number) x, (Number) y);
    }

    private static JsonNode event(JsonNode frame, String nodeId) {
        for (JsonNode event : frame.path("events")) {
            if (nodeId.equals(event.path("nodeId").asText()) && "plan-departure".equals(event.path("kind").asText())) {
                return event;
            }
        }
        return null;
    }
}
