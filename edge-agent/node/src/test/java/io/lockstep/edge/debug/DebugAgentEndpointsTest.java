package io.lockstep.edge.debug;

import static io.lockstep.edge.testing.FakeC2.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.agents.ExampleAgents;
import io.lockstep.edge.app.EdgeNode;
import io.lockstep.edge.app.NodeLifecycle;
import io.lockstep.edge.mission.BlobCache;
import io.lockstep.edge.mission.MissionRun;
import io.lockstep.edge.testing.Missions;
import io.lockstep.edge.testing.WasmAgents;
import io.lockstep.proto.v1.AgentSpec;
import io.lockstep.proto.v1.LinkLossPolicy;
import io.lockstep.proto.v1.Parameter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The debug port around a running mission: agent logs (with a cursor), telemetry and the manual override. */
@QuarkusTest
@TestProfile(DebugAgentEndpointsTest.OwnNode.class)
class DebugAgentEndpointsTest {

    private static final String TOKEN = DebugWriteGuard.TOKEN_HEADER;

    /** A node of its own: this class leaves a mission behind, which the other debug tests must not see. */
    public static final class OwnNode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lockstep.node.id", "node-debug");
        }
    }

    @Inject
    NodeLifecycle lifecycle;

    private MissionRun run;

    @BeforeEach
    void startAMissionThatLogsAndDrives() throws Exception {
        EdgeNode node = lifecycle.node();
        BlobCache cache = new BlobCache(node.settings().dataDir().resolve("blobs"));
        byte[] hello = ExampleAgents.bytes("hello");
        byte[] driver = WasmAgents.driving(1.0, 0.0, 0);
        cache.put(BlobCache.sha256Hex(hello), hello);
        cache.put(BlobCache.sha256Hex(driver), driver);
        AgentSpec logger = Missions.agent("hello", hello).toBuilder()
                .addParameters(Parameter.newBuilder().setKey("ticks").setValue("1000000")).build();
        String id = "m-debug-" + System.nanoTime();
        node.executor().assign(Missions.assignment(id, "node-debug", 40, 20, LinkLossPolicy.CONTINUE, 0, logger,
                Missions.agent("driver", driver, "act_velocity")));
        await("mission ticking", () -> node.mission().map(v -> v.tick() > 2).orElse(false));
        run = node.executor().running().orElseThrow();
    }

    @AfterEach
    void stop() {
        if (run != null) {
            run.abort("test over");
            run.join();
        }
    }

    @Test
    void logsAreReadFromACursorAndALongPollWaitsForTheNextLine() {
        JsonPath first = given().get("/debug/v1/logs?after=0&limit=1000").then().statusCode(200)
                .extract().jsonPath();
        List<String> messages = first.getList("lines.message");
        assertTrue(messages.contains("hello: started"), messages.toString());
        assertTrue(first.getList("lines.agent").stream().allMatch("hello"::equals));
        assertEquals("INFO", first.getString("lines[0].level"));
        long next = first.getLong("next");
        assertTrue(next > 0);

        JsonPath later = given().get("/debug/v1/logs?after=" + next + "&waitMs=10000").then().statusCode(200)
                .extract().jsonPath();
        assertTrue(later.getList("lines").size() >= 1, "the long poll returned the next line");
        assertTrue(later.getLong("lines[0].seq") == next + 1);
        assertTrue(later.getLong("lines[0].tick") > 0);

        JsonPath one = given().get("/debug/v1/logs?after=0&limit=1").then().statusCode(200).extract().jsonPath();
        assertEquals(1, one.getList("lines").size());
        assertEquals(one.getLong("lines[0].seq"), one.getLong("next"), "the cursor after a page is its last line");
    }

    @io.quarkus.test.common.http.TestHTTPResource("/debug/v1/logs")
    java.net.URI logsUri;

    private java.net.http.HttpResponse<java.util.stream.Stream<String>> follow(String query, String lastEventId)
            throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(logsUri + "?" + query)).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());
    }

    /** The first {@code count} log events of a follow stream: their ids and data lines. */
    private static List<String[]> logEvents(java.util.stream.Stream<String> lines, int count) {
        List<String[]> events = new java.util.ArrayList<>();
        String[] id = {null};
        java.util.Iterator<String> it = lines.iterator();
        while (events.size() < count && it.hasNext()) {
            String line = it.next();
            if (line.startsWith("id: ")) {
                id[0] = line.substring(4);
            } else if (line.startsWith("data: ") && id[0] != null) {
                events.add(new String[] {id[0], line.substring(6)});
                id[0] = null;
            }
        }
        lines.close();
        return events;
    }

    @Test
    void followStreamsNewLinesAsServerSentEventsAndResumesFromLastEventId() throws Exception {
        long newest = given().get("/debug/v1/logs?after=0&limit=1000").then().statusCode(200).extract().jsonPath()
                .getLong("next");
        var response = follow("follow=true&followMs=20000&after=" + newest, null);
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<String[]> events = logEvents(response.body(), 3);
        assertEquals(3, events.size(), "three lines arrived while following");
        for (int i = 0; i < 3; i++) {
            assertEquals(newest + 1 + i, Long.parseLong(events.get(i)[0]), "in order, none missed");
            JsonPath line = new JsonPath(events.get(i)[1]);
            assertEquals(newest + 1 + i, line.getLong("seq"));
            assertEquals("hello", line.getString("agent"));
        }
        // A reconnecting EventSource sends the last id it got and continues right after it.
        var resumed = follow("follow=true&followMs=20000", events.get(1)[0]);
        List<String[]> again = logEvents(resumed.body(), 1);
        assertEquals(Long.parseLong(events.get(1)[0]) + 1, Long.parseLong(again.get(0)[0]));
    }

    @Test
    void followIsBoundedInTimeAndFollowersAndRefusesBadParameters() throws Exception {
        given().get("/debug/v1/logs?follow=true&followMs=0").then().statusCode(400);
        given().get("/debug/v1/logs?follow=true&followMs=3600001").then().statusCode(400);
        given().header("Last-Event-ID", "abc").get("/debug/v1/logs?follow=true").then().statusCode(400);
        given().header("Last-Event-ID", "-4").get("/debug/v1/logs?follow=true").then().statusCode(400);

        var shortOne = follow("follow=true&followMs=300", null);
        List<String> all = shortOne.body().toList();
        assertTrue(all.contains("event: end"), "the stream ends when its follow time is up: " + all);

        List<java.util.stream.Stream<String>> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < LogFollowStream.MAX_FOLLOWERS; i++) {
                var r = follow("follow=true&followMs=30000", null);
                assertEquals(200, r.statusCode());
                open.add(r.body());
            }
            given().get("/debug/v1/logs?follow=true").then().statusCode(503).header("Retry-After", "5");
        } finally {
            open.forEach(java.util.stream.Stream::close);
        }
    }

    @Test
    void badLogQueriesAreClientErrors() {
        given().get("/debug/v1/logs?limit=0").then().statusCode(400);
        given().get("/debug/v1/logs?after=-1").then().statusCode(400);
        given().get("/debug/v1/logs?waitMs=30001").then().statusCode(400);
    }

    @Test
    void telemetryShowsTheVehicleAndTheFrameTheAgentsSaw() {
        given().get("/debug/v1/telemetry").then().statusCode(200)
                .body("missionId", equalTo(run.missionId()))
                .body("vehicle.xM", notNullValue())
                .body("vehicle.batteryFraction", greaterThan(0f))
                .body("lastFrame.tick", greaterThan(0))
                .body("lastFrame.ranges.size()", greaterThan(0))
                .body("manualOverride", nullValue());
    }

    @Test
    void theManualOverrideIsGuardedValidatedAppliedAndCancelled() {
        String body = "{\"vx\": 0.0, \"vy\": -0.5, \"durationMs\": 20000}";
        given().contentType(ContentType.JSON).body(body).post("/debug/v1/override").then().statusCode(403);
        given().header(TOKEN, "wrong").contentType(ContentType.JSON).body(body).post("/debug/v1/override")
                .then().statusCode(403);
        given().header(TOKEN, "test-token").contentType(ContentType.JSON).body("{\"vx\": 1}")
                .post("/debug/v1/override").then().statusCode(400);
        given().header(TOKEN, "test-token").contentType(ContentType.JSON)
                .body("{\"vx\": 1, \"vy\": 0, \"durationMs\": 0}").post("/debug/v1/override").then().statusCode(400);
        given().header(TOKEN, "test-token").contentType(ContentType.JSON).body("{oops")
                .post("/debug/v1/override").then().statusCode(400);

        given().header(TOKEN, "test-token").contentType(ContentType.JSON).body(body).post("/debug/v1/override")
                .then().statusCode(200).body("manualOverride.vy", equalTo(-0.5f))
                .body("manualOverride.remainingMs", greaterThan(0));
        given().get("/debug/v1/telemetry").then().body("manualOverride.vy", equalTo(-0.5f));
        await("manual velocity requested", () -> given().get("/debug/v1/ticks?limit=1000").then().extract()
                .jsonPath().getList("requestedVy", Float.class).contains(-0.5f));

        given().header(TOKEN, "test-token").contentType(ContentType.JSON).body("{\"cancel\": true}")
                .post("/debug/v1/override").then().statusCode(200).body("cancelled", equalTo(true));
        given().get("/debug/v1/telemetry").then().body("manualOverride", nullValue());
    }
}
