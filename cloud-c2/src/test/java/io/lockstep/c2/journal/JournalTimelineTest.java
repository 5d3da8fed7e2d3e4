package io.lockstep.c2.journal;

import static io.lockstep.c2.journal.JournalFixtures.chunk;
import static io.lockstep.c2.journal.JournalFixtures.offer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.proto.v1.JournalUploadState;
import io.lockstep.runtime.AgentDefinition;
import io.lockstep.runtime.CapabilityGrant;
import io.lockstep.runtime.MissionRuntime;
import io.lockstep.runtime.SensorFrame;
import io.lockstep.runtime.TickInputs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An uploaded journal served as a tick-by-tick timeline (position, agent states, interventions), paged. */
@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
@TestSecurity(user = "alice", roles = {"viewer", "operator", "commander", "admin"})
class JournalTimelineTest {

    private static String timeline(String missionId, String nodeId) {
        return "/api/v1/missions/" + missionId + "/nodes/" + nodeId + "/journal/timeline";
    }

    /** 30 ticks; the vehicle at (t/2, -t) at tick t; a geofence clamp journaled at tick 12. */
    private static byte[] journal(Path dir, String missionId, String nodeId, byte[] module) throws Exception {
        Path file = dir.resolve("timeline.journal");
        try (MissionRuntime runtime = MissionRuntime.builder().missionId(missionId).nodeId(nodeId)
                .agent(new AgentDefinition("surveyor", module, List.of(), CapabilityGrant.none()))
                .journal(file).workers(1).build()) {
            for (int t = 1; t <= 30; t++) {
                TickInputs.Builder inputs = TickInputs.builder().sensorFrame(new SensorFrame(t, t / 2.0, -t, 0.5, -1,
                        1.0 - t / 100.0, SensorFrame.FLAG_LINK_UP, new double[0]).encode());
                if (t == 12) {
                    inputs.hostEvent("intervention", "GEOFENCE_CLAMP 11 clamped at the east edge"
                            .getBytes(StandardCharsets.UTF_8));
                }
                runtime.tick(inputs.build());
            }
        }
        return Files.readAllBytes(file);
    }

    @Test
    void anUploadedJournalIsServedTickByTickPagedAndDownsampled() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        byte[] module = JournalFixtures.module();
        Path dir = Files.createTempDirectory("timeline-test");
        String missionId;
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            missionId = JournalFixtures.dispatchedMission(module, nodeId);
            given().get(timeline(missionId, nodeId)).then().statusCode(404).contentType("application/problem+json");
            byte[] journal = journal(dir, missionId, nodeId, module);
            offer(node, missionId, journal);
            assertThat(chunk(node, missionId, journal, 0, journal.length).getState())
                    .isEqualTo(JournalUploadState.JOURNAL_COMPLETE);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }

        JsonPath all = given().get(timeline(missionId, nodeId) + "?limit=2000").then().statusCode(200)
                .extract().jsonPath();
        assertThat(all.getList("agents", String.class)).containsExactly("surveyor");
        assertThat(all.getLong("firstTick")).isEqualTo(1);
        assertThat(all.getLong("lastTick")).isEqualTo(30);
        assertThat(all.getList("ticks")).hasSize(30);
        assertThat(all.getString("next")).isNull();
        assertThat(all.getInt("interventionsTotal")).isEqualTo(1);
        String at12 = "ticks.find { it.tick == 12 }";
        assertThat(all.getDouble(at12 + ".xM")).isEqualTo(6.0);
        assertThat(all.getDouble(at12 + ".yM")).isEqualTo(-12.0);
        assertThat(all.getBoolean(at12 + ".linkUp")).isTrue();
        assertThat(all.getString(at12 + ".agents[0].name")).isEqualTo("surveyor");
        // The fixture agent's own behaviour decides its state; the timeline must carry the journal's digest as is.
        String state = all.getString(at12 + ".agents[0].state");
        assertThat(state).isIn("RUNNING", "DONE", "FAULTED");
        assertThat(all.getString(at12 + ".agents[0].fault").isEmpty()).isEqualTo(!state.equals("FAULTED"));
        if (!state.equals("RUNNING")) {
            assertThat(all.getString("ticks.find { it.tick == 30 }.agents[0].state"))
                    .as("an agent that finished stays finished").isEqualTo(state);
        }
        assertThat(all.getString(at12 + ".interventions[0].kind")).isEqualTo("GEOFENCE_CLAMP");
        assertThat(all.getString(at12 + ".interventions[0].detail")).isEqualTo("clamped at the east edge");
        assertThat(all.getList("ticks.find { it.tick == 13 }.interventions")).isEmpty();

        JsonPath sampled = given().get(timeline(missionId, nodeId) + "?every=10&fromTick=0").then().statusCode(200)
                .extract().jsonPath();
        assertThat(sampled.getList("ticks.tick", Integer.class)).containsExactly(10, 12, 20, 30);

        JsonPath page = given().get(timeline(missionId, nodeId) + "?fromTick=5&limit=4").then().statusCode(200)
                .extract().jsonPath();
        assertThat(page.getList("ticks.tick", Integer.class)).containsExactly(5, 6, 7, 8);
        assertThat(page.getLong("next")).isEqualTo(9);

        for (String bad : List.of("?limit=0", "?limit=2001", "?every=0", "?fromTick=-1", "?limit=x")) {
            given().get(timeline(missionId, nodeId) + bad).then().statusCode(400);
        }
        given().get(timeline(missionId, "not-in-it")).then().statusCode(404).contentType("application/problem+json");
        given().get(timeline(missionId, "bad!id")).then().statusCode(400).contentType("application/problem+json");
    }
}
