package io.lockstep.c2.stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.c2.hazard.HazardStore;
import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.Heartbeat;
import io.lockstep.proto.v1.NodeHazard;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A raw gRPC node reports hazards on its heartbeats: C2 keeps them bounded, serves and streams them. */
@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
class FleetHazardsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/api/v1/stream")
    URI stream;

    @Inject
    HazardStore store;

    private static NodeHazard hazard(String sender, int id, String kind, int xMm, long issuedAtMs, int ttlMs) {
        return NodeHazard.newBuilder().setSender(sender).setMissionId("m-h").setHazardId(id).setKind(kind)
                .setXMm(xMm).setYMm(-2_500).setRadiusMm(5_000).setIssuedAtMs(issuedAtMs).setTtlMs(ttlMs).build();
    }

    private static EdgeToC2 beat(NodeHazard... hazards) {
        Heartbeat.Builder b = Heartbeat.newBuilder().setMissionId("m-h").setHazardsReported(true);
        for (NodeHazard h : hazards) {
            b.addHazards(h);
        }
        return EdgeToC2.newBuilder().setHeartbeat(b).build();
    }

    @Test
    @TestSecurity(user = "vera", roles = "viewer")
    void hazardsFromTwoNodesAreServedOncePerIdStreamedAndRemovedWhenNoNodeReportsThem() throws Exception {
        String a = Fixtures.uniqueId("node");
        String b = Fixtures.uniqueId("node");
        long now = System.currentTimeMillis();
        NodeHazard found = hazard(a, 7, "DETECTION", 12_000, now, 60_000);
        try (FakeEdgeNode nodeA = FakeEdgeNode.connect(); FakeEdgeNode nodeB = FakeEdgeNode.connect();
                StreamTestClient client = StreamTestClient.connect(stream)) {
            client.await(StreamTestClient.type("snapshot"), WAIT);
            nodeA.hello(a);
            nodeB.hello(b);
            nodeA.send(beat(found));
            // node B received A's hazard over the mesh and reports it too, with a forged position: ignored
            nodeB.send(beat(found.toBuilder().setXMm(999_000).build()));

            String id = a + "/7";
            JsonNode added = client.await(frame -> hazardIn(frame, id) != null
                    && hazardIn(frame, id).path("reportedBy").size() == 2, WAIT);
            JsonNode h = hazardIn(added, id);
            assertThat(h.path("sender").asText()).isEqualTo(a);
            assertThat(h.path("kind").asText()).isEqualTo("detection");
            assertThat(h.path("xM").asDouble()).isEqualTo(12.0);
            assertThat(h.path("yM").asDouble()).isEqualTo(-2.5);
            assertThat(h.path("radiusM").asDouble()).isEqualTo(5.0);
            assertThat(h.path("expiresAtMs").asLong()).isEqualTo(now + 60_000);

            JsonPath listed = given().when().get("/api/v1/hazards").then().statusCode(200).extract().jsonPath();
            assertThat(listed.getList("hazards.findAll { it.id == '" + id + "' }")).hasSize(1);
            assertThat(listed.getList("hazards.find { it.id == '" + id + "' }.reportedBy", String.class))
                    .containsExactlyInAnyOrder(a, b);

            nodeA.send(beat());
            nodeB.send(beat());
            JsonNode gone = client.await(frame -> frame.path("hazardsRemoved").toString().contains(id), WAIT);
            assertThat(gone.path("type").asText()).isEqualTo("delta");
            assertThat(given().when().get("/api/v1/hazards").then().statusCode(200).extract().jsonPath()
                    .getList("hazards.findAll { it.id == '" + id + "' }")).isEmpty();
        }
    }

    @Test
    @TestSecurity(user = "vera", roles = "viewer")
    void aHostileHazardListIsBoundedAndCountedAndTheNodeStaysConnected() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        long now = System.currentTimeMillis();
        Map<String, Long> before = store.counters();
        Heartbeat.Builder hostile = Heartbeat.newBuilder().setHazardsReported(true).setHazardsOmitted(5);
        hostile.addHazards(hazard("../etc", 1, "DETECTION", 0, now, 1_000));           // bad sender id
        hostile.addHazards(hazard(nodeId, 2, "LASER", 0, now, 1_000));                // unknown kind
        hostile.addHazards(hazard(nodeId, 3, "OBSTACLE", 0, now, 0));                 // ttl 0
        hostile.addHazards(hazard(nodeId, 4, "OBSTACLE", 0, now, 3_600_001));         // ttl over an hour
        hostile.addHazards(hazard(nodeId, 5, "OBSTACLE", 0, now, 1_000).toBuilder().setRadiusMm(2_000_000).build());
        hostile.addHazards(hazard(nodeId, 6, "OBSTACLE", 0, now + 3_600_000, 1_000)); // issued in the future
        hostile.addHazards(hazard(nodeId, 7, "OBSTACLE", 0, now - 10_000, 1_000));    // expired on arrival
        for (int i = 0; i < 5_000; i++) {
            hostile.addHazards(hazard(nodeId, 100 + i, "OPERATOR", i, now, 60_000));
        }
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            node.send(EdgeToC2.newBuilder().setHeartbeat(hostile).build());
            Map<String, Long> after = awaitCounters(before, "dropped_over_bound", 5_007 - HazardStore.MAX_PER_REPORT);
            assertThat(after.get("dropped_malformed") - before.get("dropped_malformed")).isEqualTo(6);
            assertThat(after.get("dropped_expired") - before.get("dropped_expired")).isEqualTo(1);
            assertThat(after.get("omitted_by_nodes") - before.get("omitted_by_nodes")).isEqualTo(5);
            JsonPath listed = given().when().get("/api/v1/hazards").then().statusCode(200).extract().jsonPath();
            assertThat(listed.getList("hazards.findAll { it.sender == '" + nodeId + "' }"))
                    .hasSize(HazardStore.MAX_PER_REPORT - 7);
            assertThat(listed.getInt("maxPerReport")).isEqualTo(HazardStore.MAX_PER_REPORT);
            assertThat(store.size()).isLessThanOrEqualTo(HazardStore.MAX_HAZARDS);

            // Nothing was lost: the same link still carries a good report, which replaces the set.
            node.send(beat(hazard(nodeId, 1, "OBSTACLE", 1_000, now, 60_000)));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (given().when().get("/api/v1/hazards").then().statusCode(200).extract().jsonPath()
                    .getList("hazards.findAll { it.sender == '" + nodeId + "' }").size() != 1) {
                assertThat(System.nanoTime()).as("the good report replaced the hostile set").isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }

    private Map<String, Long> awaitCounters(Map<String, Long> before, String name, long grownBy)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Map<String, Long> now = store.counters();
            if (now.get(name) - before.get(name) >= grownBy) {
                assertThat(now.get(name) - before.get(name)).isEqualTo(grownBy);
                return now;
            }
            assertThat(System.nanoTime()).as(name + " counted").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static JsonNode hazardIn(JsonNode frame, String id) {
        for (JsonNode h : frame.path("hazards")) {
            if (id.equals(h.path("id").asText())) {
                return h;
            }
        }
        return null;
    }
}
