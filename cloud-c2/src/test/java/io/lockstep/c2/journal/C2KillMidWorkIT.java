package io.lockstep.c2.journal;

import static io.lockstep.c2.journal.JournalFixtures.chunk;
import static io.lockstep.c2.journal.JournalFixtures.offer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.lockstep.c2.module.Sha256;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.c2.support.PackagedC2;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.JournalUploadAck;
import io.lockstep.proto.v1.JournalUploadState;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL of the packaged C2 in the middle of a journal upload and of a simulation, then a restart on the
 * same data directory: the upload resumes from the bytes C2 acknowledged (asked for again at the node's
 * Hello) and completes with the node's SHA-256; the simulation is FAILED ("C2 stopped during the
 * simulation"), not RUNNING forever.
 */
class C2KillMidWorkIT {

    private PackagedC2 c2;
    private Path workDir;

    @BeforeEach
    void prepare() throws IOException {
        // dispatch without simulating first: this test is about the restart, not the approval policy
        c2 = PackagedC2.inTarget("c2-kill-work-", "-Dlockstep.c2.approval.enabled=false");
        workDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "c2-kill-journals-");
    }

    @AfterEach
    void cleanUp() throws Exception {
        c2.close();
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void afterSigkillTheUploadResumesAndTheSimulationIsFailedNotStuckRunning() throws Exception {
        c2.start();
        byte[] module = JournalFixtures.module();
        String nodeId = Fixtures.uniqueId("node-kill");
        String hello = Fixtures.uploadModule(io.lockstep.agents.ExampleAgents.bytes("hello"));
        // A long simulation: a 2 km field, 3 nodes, up to 100,000 ticks of the example agent.
        String longMission = given().contentType(ContentType.JSON).body("""
                {"name": "big field", "type": "SURVEY", "priority": 5,
                 "area": [{"lat": 47.00, "lon": 8.00}, {"lat": 47.00, "lon": 8.02},
                          {"lat": 47.02, "lon": 8.02}, {"lat": 47.02, "lon": 8.00}],
                 "agents": [{"name": "worker", "module": "%s", "parameters": {"ticks": "1000000"},
                             "capabilities": {"hostFunctions": []}}],
                 "limits": {"tickPeriodMs": 200, "maxTicks": 100000}}
                """.formatted(hello)).when().post("/api/v1/missions").then().statusCode(201).extract().path("id");
        String missionId;
        byte[] journal;
        int cut;
        String simulationId;
        try (FakeEdgeNode node = FakeEdgeNode.connect(c2.grpcPort())) {
            node.hello(nodeId);
            missionId = JournalFixtures.dispatchedMission(module, nodeId);
            journal = JournalFixtures.journal(workDir, missionId, nodeId, module, 60);
            assertThat(offer(node, missionId, journal).getState()).isEqualTo(JournalUploadState.JOURNAL_RECEIVING);
            cut = journal.length / 2;
            assertThat(chunk(node, missionId, journal, 0, cut).getOffset()).isEqualTo(cut);

            simulationId = given().contentType(ContentType.JSON).body("{\"nodes\": 3}")
                    .when().post("/api/v1/missions/" + longMission + "/simulations")
                    .then().statusCode(202).extract().path("id");
            awaitSimulationState(longMission, simulationId, "RUNNING");

            c2.kill();
        }

        c2.start();
        given().when().get("/api/v1/missions/" + longMission + "/simulations/" + simulationId).then().statusCode(200)
                .body("state", equalTo("FAILED")).body("error", containsString("C2 stopped during the simulation"));
        // A new simulation of the same mission is not blocked by the interrupted one.
        given().contentType(ContentType.JSON).body("{\"nodes\": 1}")
                .when().post("/api/v1/missions/" + longMission + "/simulations").then().statusCode(202);

        String journalPath = "/api/v1/missions/" + missionId + "/nodes/" + nodeId + "/journal";
        given().when().get(journalPath + "/metadata").then().statusCode(200)
                .body("state", equalTo("UPLOADING")).body("receivedBytes", equalTo(cut));
        try (FakeEdgeNode node = FakeEdgeNode.connect(c2.grpcPort())) {
            node.hello(nodeId);
            C2ToEdge asked = node.await(m -> m.hasJournalRequest() && m.getJournalRequest().getMissionId().equals(missionId));
            assertThat(asked.getJournalRequest().getMissionId()).isEqualTo(missionId);
            JournalUploadAck resumed = offer(node, missionId, journal);
            assertThat(resumed.getState()).isEqualTo(JournalUploadState.JOURNAL_RECEIVING);
            assertThat(resumed.getOffset()).as("C2 kept the acknowledged bytes across SIGKILL").isEqualTo(cut);
            assertThat(chunk(node, missionId, journal, cut, journal.length).getState())
                    .isEqualTo(JournalUploadState.JOURNAL_COMPLETE);
        }
        byte[] stored = given().when().get(journalPath).then().statusCode(200).extract().asByteArray();
        assertThat(Sha256.of(stored)).isEqualTo(Sha256.of(journal));
    }

    private static void awaitSimulationState(String missionId, String simulationId, String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            String state = given().when().get("/api/v1/missions/" + missionId + "/simulations/" + simulationId)
                    .then().statusCode(200).extract().path("state");
            if (state.equals(wanted)) {
                return;
            }
            assertThat(state).as("the simulation finished before it could be interrupted").isIn("QUEUED", "RUNNING");
            assertThat(System.nanoTime()).as("simulation still %s", state).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
