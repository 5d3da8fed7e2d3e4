package io.lockstep.c2.stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.c2.audit.AuditLog;
import io.lockstep.c2.security.audit.AuditRecord;
import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.StatusUpdate;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Alert acknowledgements are a C2 resource: stable ids, shared, first one wins, audited, streamed. */
@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
class AlertAcksTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/api/v1/stream")
    URI stream;

    @Inject
    AuditLog audit;

    @Test
    @TestSecurity(user = "olga", roles = {"viewer", "operator"})
    void anAlertIsAcknowledgedOnceForEveryoneAuditedAndPushedToStreamClients() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        String alertId = "intervention.GEOFENCE_CLAMP:" + nodeId + ":m-a:10";
        try (FakeEdgeNode node = FakeEdgeNode.connect(); StreamTestClient client = StreamTestClient.connect(stream)) {
            client.await(StreamTestClient.type("snapshot"), WAIT);
            node.hello(nodeId);
            node.send(EdgeToC2.newBuilder().setStatus(StatusUpdate.newBuilder().setMissionId("m-a")
                    .setState(NodeMissionState.RUNNING).setTick(10).putInterventions("GEOFENCE_CLAMP", 1)).build());
            JsonNode raised = client.await(frame -> eventWith(frame, "alertId", alertId) != null, WAIT);
            assertThat(eventWith(raised, "alertId", alertId).path("kind").asText()).isEqualTo("intervention");

            JsonPath before = given().when().get("/api/v1/alerts").then().statusCode(200).extract().jsonPath();
            assertThat(before.getMap("alerts.find { it.alertId == '" + alertId + "' }")).isNotNull();
            assertThat(before.getMap("alerts.find { it.alertId == '" + alertId + "' }.ack")).isNull();

            JsonPath ack = given().contentType("application/json").body("{\"note\":\"seen, fence is tight\"}")
                    .when().post("/api/v1/alerts/" + alertId + "/ack").then().statusCode(200).extract().jsonPath();
            assertThat(ack.getString("by")).isEqualTo("olga");
            assertThat(ack.getString("alertId")).isEqualTo(alertId);
            long at = ack.getLong("atMs");

            JsonNode pushed = client.await(frame -> ackEvent(frame, alertId) != null, WAIT);
            assertThat(ackEvent(pushed, alertId).path("by").asText()).isEqualTo("olga");
            assertThat(ackEvent(pushed, alertId).path("note").asText()).isEqualTo("seen, fence is tight");

            // Acknowledging again (another commander, another browser) keeps the first acknowledgement.
            JsonPath again = given().contentType("application/json").body("").when()
                    .post("/api/v1/alerts/" + alertId + "/ack").then().statusCode(200).extract().jsonPath();
            assertThat(again.getLong("atMs")).isEqualTo(at);

            JsonPath after = given().when().get("/api/v1/alerts").then().statusCode(200).extract().jsonPath();
            assertThat(after.getString("alerts.find { it.alertId == '" + alertId + "' }.ack.by")).isEqualTo("olga");
            assertThat(after.getList("acks.alertId", String.class)).contains(alertId);

            List<AuditRecord> records = audit.page(0, 100_000);
            assertThat(records).anyMatch(r -> r.action().equals("POST /api/v1/alerts/{id}/ack")
                    && r.target().equals("/api/v1/alerts/" + alertId + "/ack") && r.user().equals("olga")
                    && r.status() == 200);
        }
    }

    @Test
    @TestSecurity(user = "olga", roles = {"viewer", "operator"})
    void anyAlertKindTheCommandRaisesCanBeAcknowledgedEvenOneOnlyThePageKnows() {
        String planAlert = "plan:" + Fixtures.uniqueId("node") + "::412";
        given().contentType("application/json").body("{}").when().post("/api/v1/alerts/" + planAlert + "/ack")
                .then().statusCode(200);
        assertThat(given().when().get("/api/v1/alerts").then().statusCode(200).extract().jsonPath()
                .getList("acks.alertId", String.class)).contains(planAlert);
    }

    @Test
    @TestSecurity(user = "olga", roles = {"viewer", "operator"})
    void badAlertIdsAndBodiesAreRefusedWithAProblem() {
        for (String bad : List.of("nope", "fault:..:m:1", "fault:node-1:m:-1", "fault:node-1:m:1:2",
                "x".repeat(400) + ":node-1:m:1", "fault:node 1:m:1", "fault:node-1:m:99999999999999999999")) {
            given().contentType("application/json").body("{}").when()
                    .post("/api/v1/alerts/" + URLEncoder.encode(bad, StandardCharsets.UTF_8) + "/ack")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        String id = "fault:node-1:m-1:3";
        given().contentType("application/json").body("{\"note\":\"" + "n".repeat(600) + "\"}").when()
                .post("/api/v1/alerts/" + id + "/ack").then().statusCode(400).contentType("application/problem+json");
        given().contentType("application/json").body("{\"unknown\":1}").when()
                .post("/api/v1/alerts/" + id + "/ack").then().statusCode(400).contentType("application/problem+json");
        given().contentType("text/plain").body("{}").when()
                .post("/api/v1/alerts/" + id + "/ack").then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "vic", roles = "viewer")
    void aViewerCannotAcknowledge() {
        given().contentType("application/json").body("{}").when().post("/api/v1/alerts/fault:node-1:m-1:4/ack")
                .then().statusCode(403);
    }

    private static JsonNode eventWith(JsonNode frame, String field, String value) {
        for (JsonNode e : frame.path("events")) {
            if (value.equals(e.path(field).asText())) {
                return e;
            }
        }
        return null;
    }

    private static JsonNode ackEvent(JsonNode frame, String alertId) {
        for (JsonNode e : frame.path("events")) {
            if ("ack".equals(e.path("kind").asText()) && alertId.equals(e.path("alertId").asText())) {
                return e;
            }
        }
        return null;
    }
}
