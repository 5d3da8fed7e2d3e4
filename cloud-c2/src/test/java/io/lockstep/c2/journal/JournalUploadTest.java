package io.lockstep.c2.journal;

import static io.lockstep.c2.journal.JournalFixtures.chunk;
import static io.lockstep.c2.journal.JournalFixtures.offer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.lockstep.c2.module.Sha256;
import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.JournalUploadAck;
import io.lockstep.proto.v1.JournalUploadState;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Journal uploads over the real link into C2 (real Redis, real files), downloads and replays on C2, and the
 * bad input around them: failed checksums, floods, strangers' journals.
 */
@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
@TestSecurity(user = "alice", roles = {"viewer", "operator", "commander", "admin"})
class JournalUploadTest {

    private Path dir;

    // @TempDir is not injected into @QuarkusTest instances.
    @BeforeEach
    void createDir() throws IOException {
        dir = Files.createTempDirectory("journal-upload-test");
    }

    @AfterEach
    void deleteDir() throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String journalPath(String missionId, String nodeId) {
        return "/api/v1/missions/" + missionId + "/nodes/" + nodeId + "/journal";
    }

    @Test
    void uploadResumesFromTheAcknowledgedOffsetAfterALinkDropAndReplaysOnC2() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        byte[] module = JournalFixtures.module();
        String missionId;
        byte[] journal;
        int cut;
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            missionId = JournalFixtures.dispatchedMission(module, nodeId);
            journal = JournalFixtures.journal(dir, missionId, nodeId, module, 40);
            assertThat(journal.length).isGreaterThan(3000);
            given().get(journalPath(missionId, nodeId)).then().statusCode(404)
                    .body("type", equalTo("urn:lockstep:problem:journal-not-uploaded"));

            assertThat(offer(node, missionId, journal).getOffset()).isZero();
            cut = journal.length / 3;
            JournalUploadAck ack = chunk(node, missionId, journal, 0, cut);
            assertThat(ack.getState()).isEqualTo(JournalUploadState.JOURNAL_RECEIVING);
            assertThat(ack.getOffset()).isEqualTo(cut);
            given().get(journalPath(missionId, nodeId)).then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:lockstep:problem:journal-incomplete"))
                    .body("detail", containsString(cut + " of " + journal.length + " bytes"));
            node.hangUp();
        }
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            JournalUploadAck resumed = offer(node, missionId, journal);
            assertThat(resumed.getState()).isEqualTo(JournalUploadState.JOURNAL_RECEIVING);
            assertThat(resumed.getOffset()).as("C2 tells the node where to go on").isEqualTo(cut);
            JournalUploadAck middle = chunk(node, missionId, journal, cut, 2 * cut);
            assertThat(middle.getOffset()).isEqualTo(2 * cut);
            JournalUploadAck done = chunk(node, missionId, journal, 2 * cut, journal.length);
            assertThat(done.getState()).isEqualTo(JournalUploadState.JOURNAL_COMPLETE);
            assertThat(done.getOffset()).isEqualTo(journal.length);
            // Offering it again (say, after a restart of the node) is answered "complete" at once.
            assertThat(offer(node, missionId, journal).getState()).isEqualTo(JournalUploadState.JOURNAL_COMPLETE);
        }
        given().get(journalPath(missionId, nodeId) + "/metadata").then().statusCode(200)
                .body("state", equalTo("COMPLETE")).body("sizeBytes", equalTo(journal.length))
                .body("receivedBytes", equalTo(journal.length)).body("sha256", equalTo(Sha256.of(journal)))
                .body("uploadedAt", org.hamcrest.Matchers.notNullValue());
        byte[] downloaded = given().get(journalPath(missionId, nodeId)).then().statusCode(200)
                .contentType("application/octet-stream").extract().asByteArray();
        assertThat(Sha256.of(downloaded)).isEqualTo(Sha256.of(journal));

        given().post(journalPath(missionId, nodeId) + "/replay").then().statusCode(200)
                .body("fingerprintsMatch", equalTo(true)).body("lastVerifiedTick", equalTo(40))
                .body("firstDivergentTick", nullValue()).body("sha256", equalTo(Sha256.of(journal)));
    }

    @Test
    void aJournalOfOtherModulesIsNotReplayedAsTheMissions() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            String missionId = JournalFixtures.dispatchedMission(JournalFixtures.module(), nodeId);
            byte[] other = JournalFixtures.journal(dir, missionId, nodeId, JournalFixtures.module(), 5);
            offer(node, missionId, other);
            assertThat(chunk(node, missionId, other, 0, other.length).getState())
                    .isEqualTo(JournalUploadState.JOURNAL_COMPLETE);
            given().post(journalPath(missionId, nodeId) + "/replay").then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:lockstep:problem:unreplayable-journal"))
                    .body("detail", containsString("is not the mission's"));
        }
    }

    @Test
    void aChunkWithAWrongChecksumIsRefusedNotStoredAndAskedForAgain() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            byte[] module = JournalFixtures.module();
            String missionId = JournalFixtures.dispatchedMission(module, nodeId);
            byte[] journal = JournalFixtures.journal(dir, missionId, nodeId, module, 10);
            offer(node, missionId, journal);
            byte[] first = java.util.Arrays.copyOfRange(journal, 0, 500);
            JournalUploadAck bad = chunk(node, missionId, 0, first, Sha256.of(new byte[] {1}));
            assertThat(bad.getState()).isEqualTo(JournalUploadState.JOURNAL_RECEIVING);
            assertThat(bad.getOffset()).isZero();
            assertThat(bad.getError()).contains("does not match its sha256");
            given().get(journalPath(missionId, nodeId) + "/metadata").then().statusCode(200)
                    .body("receivedBytes", equalTo(0)).body("checksumFailures", equalTo(1));
            assertThat(chunk(node, missionId, journal, 0, journal.length).getState())
                    .isEqualTo(JournalUploadState.JOURNAL_COMPLETE);
        }
    }

    @Test
    void aJournalWhoseWholeChecksumFailsIsClearedAndAskedForAgainNeverComplete() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            byte[] module = JournalFixtures.module();
            String missionId = JournalFixtures.dispatchedMission(module, nodeId);
            byte[] journal = JournalFixtures.journal(dir, missionId, nodeId, module, 10);
            byte[] tampered = journal.clone();
            tampered[tampered.length / 2] ^= 1;
            offer(node, missionId, journal);
            JournalUploadAck ack = chunk(node, missionId, tampered, 0, tampered.length);
            assertThat(ack.getState()).isEqualTo(JournalUploadState.JOURNAL_RECEIVING);
            assertThat(ack.getOffset()).as("cleared: send it again from 0").isZero();
            assertThat(ack.getError()).contains("whole journal's sha256");
            given().get(journalPath(missionId, nodeId)).then().statusCode(409)
                    .body("type", equalTo("urn:lockstep:problem:journal-incomplete"));
            given().get(journalPath(missionId, nodeId) + "/metadata").then().statusCode(200)
                    .body("state", equalTo("UPLOADING")).body("receivedBytes", equalTo(0));
            // The honest bytes, sent again, complete it.
            assertThat(chunk(node, missionId, journal, 0, journal.length).getState())
                    .isEqualTo(JournalUploadState.JOURNAL_COMPLETE);
        }
    }

    @Test
    void repeatedChecksumFailuresGiveTheUploadUpUntilAnOperatorAsksAgain() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            byte[] module = JournalFixtures.module();
            String missionId = JournalFixtures.dispatchedMission(module, nodeId);
            byte[] journal = JournalFixtures.journal(dir, missionId, nodeId, module, 5);
            offer(node, missionId, journal);
            JournalUploadAck last = null;
            for (int i = 0; i < 5; i++) {
                last = chunk(node, missionId, 0, new byte[] {1, 2, 3}, Sha256.of(new byte[] {9}));
            }
            assertThat(last.getState()).isEqualTo(JournalUploadState.JOURNAL_REFUSED);
            given().get(journalPath(missionId, nodeId) + "/metadata").then().statusCode(200)
                    .body("state", equalTo("FAILED")).body("error", containsString("checksum failures"));
            assertThat(offer(node, missionId, journal).getState()).isEqualTo(JournalUploadState.JOURNAL_REFUSED);

            given().post(journalPath(missionId, nodeId) + "/requests").then().statusCode(202)
                    .body("state", equalTo("REQUESTED"));
            node.await(m -> m.hasJournalRequest() && m.getJournalRequest().getMissionId().equals(missionId));
            assertThat(offer(node, missionId, journal).getState()).isEqualTo(JournalUploadState.JOURNAL_RECEIVING);
            assertThat(chunk(node, missionId, journal, 0, journal.length).getState())
                    .isEqualTo(JournalUploadState.JOURNAL_COMPLETE);
        }
    }

    @Test
    void chunksOutOfOrderOverlappingOrTooLargeAreRefusedWithTheOffsetC2Holds() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            byte[] module = JournalFixtures.module();
            String missionId = JournalFixtures.dispatchedMission(module, nodeId);
            byte[] journal = JournalFixtures.journal(dir, missionId, nodeId, module, 10);
            offer(node, missionId, journal);
            assertThat(chunk(node, missionId, journal, 0, 1000).getOffset()).isEqualTo(1000);

            JournalUploadAck ahead = chunk(node, missionId, journal, 1500, 2000);
            assertThat(ahead.getOffset()).isEqualTo(1000);
            assertThat(ahead.getError()).contains("out of order or overlapping").contains("send from 1000");
            JournalUploadAck overlap = chunk(node, missionId, journal, 500, 1500);
            assertThat(overlap.getOffset()).isEqualTo(1000);
            assertThat(overlap.getError()).contains("out of order or overlapping");
            byte[] huge = new byte[1024 * 1024 + 1];
            JournalUploadAck tooLarge = chunk(node, missionId, 1000, huge, Sha256.of(huge));
            assertThat(tooLarge.getOffset()).isEqualTo(1000);
            assertThat(tooLarge.getError()).contains("a chunk must have 1 to 1048576 bytes");
            given().get(journalPath(missionId, nodeId) + "/metadata").then().statusCode(200)
                    .body("receivedBytes", equalTo(1000));
            assertThat(chunk(node, missionId, journal, 1000, journal.length).getState())
                    .isEqualTo(JournalUploadState.JOURNAL_COMPLETE);
        }
    }

    @Test
    void chunksOfAMebibyteFlowThroughTheLinksSmallFlowControlWindowWhole() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            String missionId = JournalFixtures.dispatchedMission(JournalFixtures.module(), nodeId);
            // 64 times C2's per-stream window (lockstep.c2.link.flow-control-window-bytes, 16 KiB): HTTP/2 moves
            // a message larger than the window through it in pieces. Not a journal, so it is never completed.
            byte[] upload = new byte[4 * 1024 * 1024];
            new java.util.Random(12).nextBytes(upload);
            offer(node, missionId, upload);
            int chunk = 1024 * 1024;
            long start = System.nanoTime();
            for (int from = 0; from < 3 * chunk; from += chunk) {
                JournalUploadAck ack = chunk(node, missionId, upload, from, from + chunk);
                assertThat(ack.getError()).isEmpty();
                assertThat(ack.getOffset()).isEqualTo(from + chunk);
            }
            // The measurement for docs/c2.md (loopback, no added latency): stop-and-wait, one chunk per ack.
            System.out.printf("3 chunks of 1 MiB through the link's flow-control window in %d ms%n",
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    @Test
    void moreBytesThanAnnouncedAreRefusedAndCleared() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            byte[] module = JournalFixtures.module();
            String missionId = JournalFixtures.dispatchedMission(module, nodeId);
            byte[] journal = JournalFixtures.journal(dir, missionId, nodeId, module, 10);
            byte[] announced = java.util.Arrays.copyOf(journal, 1000);
            offer(node, missionId, announced);
            assertThat(chunk(node, missionId, journal, 0, 600).getOffset()).isEqualTo(600);
            JournalUploadAck flood = chunk(node, missionId, journal, 600, 1600);
            assertThat(flood.getState()).isEqualTo(JournalUploadState.JOURNAL_REFUSED);
            assertThat(flood.getError()).contains("more bytes than announced");
            given().get(journalPath(missionId, nodeId) + "/metadata").then().statusCode(200)
                    .body("state", equalTo("FAILED")).body("receivedBytes", equalTo(0));
            given().get(journalPath(missionId, nodeId)).then().statusCode(409);
            assertThat(chunk(node, missionId, journal, 0, 10).getState())
                    .as("no chunk is taken for a failed upload").isEqualTo(JournalUploadState.JOURNAL_REFUSED);
        }
    }

    @Test
    void tooManyConcurrentUploadsOfOneNodeAreRefused() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            String[] missions = new String[3];
            byte[][] journals = new byte[3][];
            for (int i = 0; i < 3; i++) {
                byte[] module = JournalFixtures.module();
                missions[i] = JournalFixtures.dispatchedMission(module, nodeId);
                journals[i] = JournalFixtures.journal(dir, missions[i], nodeId, module, 3);
            }
            assertThat(offer(node, missions[0], journals[0]).getState()).isEqualTo(JournalUploadState.JOURNAL_RECEIVING);
            assertThat(offer(node, missions[1], journals[1]).getState()).isEqualTo(JournalUploadState.JOURNAL_RECEIVING);
            JournalUploadAck third = offer(node, missions[2], journals[2]);
            assertThat(third.getState()).isEqualTo(JournalUploadState.JOURNAL_REFUSED);
            assertThat(third.getError()).contains("2 journal uploads in progress (limit 2");
            given().get(journalPath(missions[2], nodeId) + "/metadata").then().statusCode(404);
            // Once one completes, the third is taken.
            chunk(node, missions[0], journals[0], 0, journals[0].length);
            assertThat(offer(node, missions[2], journals[2]).getState()).isEqualTo(JournalUploadState.JOURNAL_RECEIVING);
        }
    }

    @Test
    void aJournalOfAMissionTheNodeWasNotPartOfIsRefused() throws Exception {
        String insider = Fixtures.uniqueId("node");
        String outsider = Fixtures.uniqueId("node");
        try (FakeEdgeNode in = FakeEdgeNode.connect(); FakeEdgeNode out = FakeEdgeNode.connect()) {
            in.hello(insider);
            out.hello(outsider);
            byte[] module = JournalFixtures.module();
            String missionId = JournalFixtures.dispatchedMission(module, insider);
            byte[] journal = JournalFixtures.journal(dir, missionId, outsider, module, 3);
            JournalUploadAck refused = offer(out, missionId, journal);
            assertThat(refused.getState()).isEqualTo(JournalUploadState.JOURNAL_REFUSED);
            assertThat(refused.getError()).contains("node " + outsider + " was not part of mission " + missionId);
            JournalUploadAck chunk = chunk(out, missionId, journal, 0, journal.length);
            assertThat(chunk.getState()).isEqualTo(JournalUploadState.JOURNAL_REFUSED);
            assertThat(offer(out, "no-such-mission", journal).getError()).contains("no-such-mission");
            given().get(journalPath(missionId, outsider) + "/metadata").then().statusCode(404)
                    .body("type", equalTo("urn:lockstep:problem:unknown-node"))
                    .body("detail", containsString("was not part of mission"));
            given().post(journalPath(missionId, outsider) + "/requests").then().statusCode(404);
        }
    }

    @Test
    void anOperatorsRequestReachesTheNodeNowOrAtItsNextHello() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        String missionId;
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            missionId = JournalFixtures.dispatchedMission(JournalFixtures.module(), nodeId);
            given().post(journalPath(missionId, nodeId) + "/requests").then().statusCode(202)
                    .body("state", equalTo("REQUESTED")).body("requestedAt", org.hamcrest.Matchers.notNullValue());
            C2ToEdge request = node.await(C2ToEdge::hasJournalRequest);
            assertThat(request.getJournalRequest().getMissionId()).isEqualTo(missionId);
            node.hangUp();
        }
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            C2ToEdge again = node.await(C2ToEdge::hasJournalRequest);
            assertThat(again.getJournalRequest().getMissionId()).isEqualTo(missionId);
        }
        given().post(journalPath(missionId, "-bad") + "/requests").then().statusCode(400)
                .body("type", equalTo("urn:lockstep:problem:invalid-id"));
    }

    @Test
    @TestSecurity(user = "vera", roles = "viewer")
    void aViewerMayReadButNotRequestOrReplay() throws Exception {
        // A viewer may not create the mission either, so this asks about one C2 does not know: reading is
        // allowed (404, nothing there), requesting and replaying are refused before anything is looked up.
        String nodeId = Fixtures.uniqueId("node");
        String missionId = java.util.UUID.randomUUID().toString();
        given().get(journalPath(missionId, nodeId) + "/metadata").then().statusCode(404);
        given().post(journalPath(missionId, nodeId) + "/requests").then().statusCode(403);
        given().post(journalPath(missionId, nodeId) + "/replay").then().statusCode(403);
    }
}
