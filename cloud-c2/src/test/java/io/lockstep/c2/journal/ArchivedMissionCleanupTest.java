package io.lockstep.c2.journal;

import static io.lockstep.c2.journal.JournalFixtures.chunk;
import static io.lockstep.c2.journal.JournalFixtures.offer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.redis.RedisKeys;
import io.lockstep.c2.retention.RetentionSweep;
import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.CommandAck;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.JournalUploadState;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.StatusUpdate;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Archiving a finished mission deletes its simulations (Redis records and journal directories) and the
 * journals its nodes uploaded (files and Redis metadata), complete or half uploaded; a chunk that arrives
 * afterwards is refused and stores nothing.
 */
@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
@TestSecurity(user = "alice", roles = {"viewer", "operator", "commander", "admin"})
class ArchivedMissionCleanupTest {

    @Inject
    RetentionSweep retention;

    @Inject
    RedisDataSource redis;

    @Inject
    C2Config config;

    private Path dir;

    @BeforeEach
    void createDir() throws IOException {
        dir = Files.createTempDirectory("archive-cleanup-test");
    }

    @AfterEach
    void deleteDir() throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void archivingAMissionDeletesItsSimulationsAndUploadedJournals() throws Exception {
        byte[] module = JournalFixtures.module();
        String done = "node-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String missionId;
        byte[] journal;
        String simulationId;
        String digest;
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(done);
            missionId = JournalFixtures.dispatchedMission(module, done);
            C2ToEdge assign = node.await(C2ToEdge::hasAssign);
            node.send(EdgeToC2.newBuilder().setAck(CommandAck.newBuilder().setCommandSeq(assign.getCommandSeq())
                    .setApplied(true)).build());
            node.send(EdgeToC2.newBuilder().setSeq(1).setStatus(StatusUpdate.newBuilder().setMissionId(missionId)
                    .setState(NodeMissionState.COMPLETED).setTick(40).setStatusVersion(1)).build());
            node.await(m -> m.hasStatusAck() && m.getStatusAck().getSeq() == 1);

            journal = JournalFixtures.journal(dir, missionId, done, module, 40);
            offer(node, missionId, journal);
            assertThat(chunk(node, missionId, journal, 0, journal.length).getState())
                    .isEqualTo(JournalUploadState.JOURNAL_COMPLETE);

            simulationId = given().contentType(ContentType.JSON).body("{\"nodes\": 1}")
                    .when().post("/api/v1/missions/" + missionId + "/simulations")
                    .then().statusCode(202).extract().path("id");
            digest = awaitSimulation(missionId, simulationId);

            given().when().get("/api/v1/missions/" + missionId).then().statusCode(200)
                    .body("state", org.hamcrest.Matchers.equalTo("MISSION_COMPLETED"));
            Path journalFile = journals().resolve(missionId).resolve(done + ".journal");
            Path simulationDir = config.files().resolve("simulations").resolve(digest).resolve(simulationId);
            assertThat(journalFile).isRegularFile();
            assertThat(simulationDir).isDirectory();
            assertThat(redis.key().exists(RedisKeys.journal(missionId, done))).isTrue();
            assertThat(redis.key().exists(RedisKeys.missionSimulationDigests(missionId))).isTrue();

            // A second upload stops half way; its partial bytes and metadata must go too.
            byte[] otherModule = JournalFixtures.module();
            String halfMission = JournalFixtures.dispatchedMission(otherModule, done);
            byte[] other = JournalFixtures.journal(dir, halfMission, done, otherModule, 40);
            offer(node, halfMission, other);
            chunk(node, halfMission, other, 0, other.length / 2);
            assertThat(journals().resolve(halfMission).resolve(done + ".part")).isRegularFile();
            C2ToEdge second = node.await(m -> m.hasAssign() && m.getAssign().getAssignment().getMission().getId().equals(halfMission));
            node.send(EdgeToC2.newBuilder().setAck(CommandAck.newBuilder().setCommandSeq(second.getCommandSeq())
                    .setApplied(true)).build());
            node.send(EdgeToC2.newBuilder().setSeq(2).setStatus(StatusUpdate.newBuilder().setMissionId(halfMission)
                    .setState(NodeMissionState.FAILED).setTick(20).setStatusVersion(1)).build());
            node.await(m -> m.hasStatusAck() && m.getStatusAck().getSeq() == 2);
            given().when().get("/api/v1/missions/" + halfMission).then()
                    .body("state", org.hamcrest.Matchers.equalTo("MISSION_FAILED"));

            RetentionSweep.Result swept = retention.sweep(Instant.now().plus(Duration.ofHours(168)).plusSeconds(60));
            assertThat(swept.archivedMissions()).contains(missionId, halfMission);

            assertThat(journalFile).doesNotExist();
            assertThat(journals().resolve(missionId)).doesNotExist();
            assertThat(journals().resolve(halfMission)).doesNotExist();
            assertThat(simulationDir).doesNotExist();
            for (String m : List.of(missionId, halfMission)) {
                assertThat(redis.key().exists(RedisKeys.journal(m, done))).as("journal metadata of %s", m).isFalse();
                assertThat(redis.key().exists(RedisKeys.missionSimulationDigests(m))).isFalse();
                assertThat(redis.set(String.class).sismember(RedisKeys.nodeJournalRequests(done), m)).isFalse();
            }
            assertThat(redis.hash(String.class).hget(RedisKeys.simulations(digest), simulationId)).isNull();

            // The rest of the half upload arrives after the archive: refused, nothing stored.
            JournalUploadState late = chunk(node, halfMission, other, other.length / 2, other.length).getState();
            assertThat(late).isEqualTo(JournalUploadState.JOURNAL_REFUSED);
            assertThat(journals().resolve(halfMission)).doesNotExist();
        }
    }

    private Path journals() {
        return config.files().resolve("journals");
    }

    /** Polls the simulation until it finished; returns its mission digest. */
    private static String awaitSimulation(String missionId, String simulationId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            var view = given().when().get("/api/v1/missions/" + missionId + "/simulations/" + simulationId)
                    .then().statusCode(200).extract().jsonPath();
            String state = view.getString("state");
            if (state.equals("SUCCEEDED") || state.equals("FAILED")) {
                return view.getString("missionDigest");
            }
            assertThat(System.nanoTime()).as("simulation %s still %s", simulationId, state).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
