package io.lockstep.c2.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.Telemetry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /missions filters and cursor, GET /nodes/{id}/telemetry history, and their malformed inputs. */
@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
@TestSecurity(user = "alice", roles = {"viewer", "operator", "commander", "admin"})
class MissionSearchApiTest {

    private static String create(String module, String type) {
        return given().contentType(ContentType.JSON).body(Fixtures.missionJson(module).replace("\"SURVEY\"", "\"" + type + "\""))
                .when().post("/api/v1/missions").then().statusCode(201).extract().path("id");
    }

    @Test
    void filtersByNodeTypeStateAndTimeAndPagesWithACursor() throws Exception {
        String module = Fixtures.uploadModule();
        Instant before = Instant.now();
        String nodeId = Fixtures.uniqueId("search");
        List<String> patrols = new ArrayList<>();
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            for (int i = 0; i < 5; i++) {
                String id = create(module, "PATROL");
                patrols.add(id);
                given().contentType(ContentType.JSON).body("{\"nodes\": [\"" + nodeId + "\"]}")
                        .when().post("/api/v1/missions/" + id + "/dispatch").then().statusCode(202);
            }
            node.await(C2ToEdge::hasAssign);
        }
        String delivery = create(module, "DELIVER");

        // By node: exactly the five dispatched to it, oldest first.
        List<String> onNode = given().queryParam("node", nodeId).when().get("/api/v1/missions")
                .then().statusCode(200).extract().jsonPath().getList("id");
        assertThat(onNode).containsExactlyElementsOf(patrols);

        // Paging: two per page; the cursor walks through all five without repeats.
        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("node", nodeId).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.when().get("/api/v1/missions");
            page.then().statusCode(200);
            paged.addAll(page.jsonPath().getList("id"));
            cursor = page.header("X-Next-Cursor");
            if (cursor != null) {
                assertThat(page.header("Link")).contains("rel=\"next\"").contains("cursor=");
            }
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(paged).containsExactlyElementsOf(patrols);
        assertThat(pages).isEqualTo(3);

        // By type and time; by state (the first is running on the node, the rest are queued: DISPATCHED).
        List<String> deliveries = given().queryParam("type", "DELIVER").queryParam("since", before.toString())
                .when().get("/api/v1/missions").then().statusCode(200).extract().jsonPath().getList("id");
        assertThat(deliveries).containsExactly(delivery);
        List<String> created = given().queryParam("state", "CREATED").queryParam("since", before.toString())
                .when().get("/api/v1/missions").then().statusCode(200).extract().jsonPath().getList("id");
        assertThat(created).containsExactly(delivery);
        List<String> dispatched = given().queryParam("state", "DISPATCHED,IN_PROGRESS").queryParam("node", nodeId)
                .when().get("/api/v1/missions").then().statusCode(200).extract().jsonPath().getList("id");
        assertThat(dispatched).containsExactlyElementsOf(patrols);
        List<String> none = given().queryParam("until", before.toString()).queryParam("node", nodeId)
                .when().get("/api/v1/missions").then().statusCode(200).extract().jsonPath().getList("id");
        assertThat(none).isEmpty();
    }

    @Test
    void malformedFiltersAndCursorsAreClearProblems() {
        given().queryParam("state", "FLYING").when().get("/api/v1/missions").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:invalid-query"))
                .body("errors[0].field", equalTo("state"))
                .body("errors[0].message", containsString("MISSION_COMPLETED"));
        given().queryParam("type", "PARTY").when().get("/api/v1/missions").then().statusCode(400)
                .body("errors[0].field", equalTo("type"));
        given().queryParam("since", "last tuesday").when().get("/api/v1/missions").then().statusCode(400)
                .body("errors[0].field", equalTo("since"));
        given().queryParam("since", "2030-01-02T00:00:00Z").queryParam("until", "2030-01-01T00:00:00Z")
                .when().get("/api/v1/missions").then().statusCode(400).body("errors[0].field", equalTo("until"));
        given().queryParam("limit", "1001").when().get("/api/v1/missions").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        given().queryParam("limit", "ten").when().get("/api/v1/missions").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        given().queryParam("node", "bad node").when().get("/api/v1/missions").then().statusCode(400)
                .body("errors[0].field", equalTo("node"));
        given().queryParam("stat", "CREATED").when().get("/api/v1/missions").then().statusCode(400)
                .body("errors[0].field", equalTo("stat"));
        given().queryParam("limit", "1").queryParam("limit", "2").when().get("/api/v1/missions").then().statusCode(400)
                .body("errors[0].message", containsString("once"));
        for (String cursor : List.of("not-a-cursor!", "bTE6eHl6OmFiYw", "eHl6", "x".repeat(300))) {
            given().queryParam("cursor", cursor).when().get("/api/v1/missions").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:lockstep:problem:invalid-cursor"));
        }
    }

    @Test
    void telemetryKeepsABoundedHistoryIncludingBurstsAfterAnOutage() throws Exception {
        String nodeId = Fixtures.uniqueId("telemetry");
        int cap = given().when().get("/api/v1/nodes/" + nodeIdWithHistory(nodeId, 10) + "/telemetry")
                .then().statusCode(200).extract().path("capacity");
        List<Integer> ticks = given().when().get("/api/v1/nodes/" + nodeId + "/telemetry")
                .then().statusCode(200).extract().jsonPath().getList("samples.sample.tick");
        assertThat(ticks).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

        Instant cut = Instant.now();
        // A flood (a node emptying a long offline spool): the history keeps the newest `cap` samples.
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            for (int tick = 10; tick < 10 + cap * 3; tick++) {
                node.send(sample(tick, true));
            }
            MissionLifecycleSync.sync(node);
        }
        Fixtures.awaitStoredTelemetry(nodeId, 10 + cap * 3 - 1);
        List<Integer> kept = new ArrayList<>();
        String after = null;
        do {
            var request = given().queryParam("limit", 1000);
            if (after != null) {
                request.queryParam("after", after);
            }
            var page = request.when().get("/api/v1/nodes/" + nodeId + "/telemetry").then().statusCode(200)
                    .extract().jsonPath();
            kept.addAll(page.getList("samples.sample.tick"));
            after = page.getString("next");
        } while (after != null);
        assertThat(kept).hasSize(cap);
        assertThat(kept.get(kept.size() - 1)).isEqualTo(10 + cap * 3 - 1);
        assertThat(kept.get(0)).isEqualTo(10 + cap * 2);
        List<Integer> since = given().queryParam("since", cut.toString()).queryParam("limit", 5)
                .when().get("/api/v1/nodes/" + nodeId + "/telemetry").then().statusCode(200)
                .extract().jsonPath().getList("samples.sample.tick");
        assertThat(since).hasSize(5).allMatch(tick -> tick >= 10);

        given().queryParam("since", "soon").when().get("/api/v1/nodes/" + nodeId + "/telemetry").then()
                .statusCode(400).body("type", equalTo("urn:lockstep:problem:invalid-query"));
        given().queryParam("after", "x-y").when().get("/api/v1/nodes/" + nodeId + "/telemetry").then()
                .statusCode(400).body("errors[0].field", equalTo("after"));
        given().when().get("/api/v1/nodes/never-seen-node/telemetry").then().statusCode(404)
                .body("type", equalTo("urn:lockstep:problem:unknown-node"));
    }

    private static String nodeIdWithHistory(String nodeId, int samples) throws Exception {
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            for (int tick = 0; tick < samples; tick++) {
                node.send(sample(tick, false));
            }
            MissionLifecycleSync.sync(node);
        }
        Fixtures.awaitStoredTelemetry(nodeId, samples - 1);
        return nodeId;
    }

    private static EdgeToC2 sample(int tick, boolean spooled) {
        return EdgeToC2.newBuilder().setTelemetry(Telemetry.newBuilder().setTick(tick).setXM(tick).setYM(1)
                .setBatteryFraction(0.5).setSpooled(spooled)).build();
    }
}
