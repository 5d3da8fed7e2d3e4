package io.lockstep.edge.journal;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.app.EdgeNode;
import io.lockstep.edge.link.LinkState;
import io.lockstep.edge.mission.BlobCache;
import io.lockstep.edge.testing.FakeC2;
import io.lockstep.edge.testing.FakeJournalReceiver;
import io.lockstep.edge.testing.Missions;
import io.lockstep.edge.testing.NodeOnFakeC2;
import io.lockstep.edge.testing.WasmAgents;
import io.lockstep.proto.v1.AgentSpec;
import io.lockstep.proto.v1.AssignMission;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.JournalUploadRequest;
import io.lockstep.proto.v1.LinkLossPolicy;
import io.lockstep.proto.v1.MissionAssignment;
import io.lockstep.proto.v1.NodeMissionState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole node against a fake C2: its journal goes home in chunks after the mission, resuming after a link
 * drop from the offset C2 acknowledged; modules arrive in chunks and resume from what the node has on disk.
 */
class JournalsComeHomeTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final NodeOnFakeC2 fixture = new NodeOnFakeC2();

    private EdgeNode node;

    private FakeC2 c2() {
        return fixture.c2();
    }

    private EdgeNode startNode() {
        return fixture.start(fixture.settings(dir.resolve("data")));
    }

    private static C2ToEdge.Builder assign(MissionAssignment a) {
        return C2ToEdge.newBuilder().setAssign(AssignMission.newBuilder().setAssignment(a));
    }

    private boolean reached(String missionId, NodeMissionState state) {
        return c2().statuses().stream().anyMatch(s -> s.getMissionId().equals(missionId) && s.getState() == state);
    }

    private AgentSpec offered(byte[] wasm) {
        c2().offerBlob(BlobCache.sha256Hex(wasm), wasm);
        return Missions.agent("worker", wasm);
    }

    @Test
    void theJournalGoesHomeAfterTheMissionAndResumesFromTheAcknowledgedOffsetAfterALinkDrop() throws Exception {
        FakeJournalReceiver receiver = new FakeJournalReceiver(1024);
        receiver.ackOnly(3);
        c2().onJournal(receiver);
        node = startNode();
        c2().command(assign(Missions.assignment("m-home", "node-1", 40, 10, LinkLossPolicy.CONTINUE, 0,
                offered(WasmAgents.idle(60)))));
        await("completed", () -> reached("m-home", NodeMissionState.COMPLETED));
        Path journal = Path.of(c2().statuses().stream().filter(st -> st.getMissionId().equals("m-home"))
                .filter(st -> !st.getJournalPath().isEmpty()).findFirst().orElseThrow().getJournalPath());
        byte[] written = Files.readAllBytes(journal);
        assertTrue(written.length > 5 * 1024, "a journal of several chunks, got " + written.length);

        // Three chunks acknowledged, the fourth stored by C2 but its ack lost with the link.
        await("four chunks sent", () -> receiver.chunkOffsets.size() == 4);
        assertEquals(List.of(0L, 1024L, 2048L, 3072L), receiver.chunkOffsets);
        c2().cut();
        await("link down", () -> node.link().state() != LinkState.CONNECTED);
        receiver.ackOnly(Integer.MAX_VALUE);
        c2().restore();
        await("journal complete on C2", () -> node.journals().completed() == 1);

        assertEquals(List.of(0L, 4096L), receiver.offerAnswers, "offered at the end, then again after the drop");
        List<Long> expected = new ArrayList<>();
        for (long offset = 0; offset < written.length; offset += 1024) {
            expected.add(offset);
        }
        assertEquals(expected, receiver.chunkOffsets, "every chunk once: resumed at 4096, not from 0");
        assertTrue(receiver.complete());
        assertArrayEquals(written, receiver.bytes());
        assertEquals(BlobCache.sha256Hex(written), BlobCache.sha256Hex(receiver.bytes()));
    }

    @Test
    void c2AsksForAJournalAgainAndTheNodeSendsIt() {
        FakeJournalReceiver receiver = new FakeJournalReceiver(64 * 1024);
        c2().onJournal(receiver);
        node = startNode();
        c2().command(assign(Missions.assignment("m-again", "node-1", 40, 10, LinkLossPolicy.CONTINUE, 0,
                offered(WasmAgents.idle(5)))));
        await("first upload", () -> node.journals().completed() == 1);
        FakeJournalReceiver second = new FakeJournalReceiver(64 * 1024);
        c2().onJournal(second);
        c2().send(C2ToEdge.newBuilder().setJournalRequest(JournalUploadRequest.newBuilder().setMissionId("m-again"))
                .build());
        await("second upload", () -> second.complete());
        // A journal this node does not have is not offered (and nothing breaks).
        c2().send(C2ToEdge.newBuilder().setJournalRequest(JournalUploadRequest.newBuilder().setMissionId("m-never"))
                .build());
        c2().send(C2ToEdge.newBuilder().setJournalRequest(JournalUploadRequest.newBuilder().setMissionId("../../etc"))
                .build());
        c2().send(C2ToEdge.newBuilder().setJournalRequest(JournalUploadRequest.newBuilder().setMissionId("m-again"))
                .build());
        await("asked once more", () -> second.offerAnswers.size() == 2);
        assertEquals(0, c2().received(m -> m.hasJournalOffer() && !m.getJournalOffer().getMissionId().equals("m-again"))
                .size());
    }

    @Test
    void aModuleLargerThanOneChunkArrivesInChunksAndResumesAfterAReconnect() {
        byte[] module = WasmAgents.idle(10);
        int chunk = module.length / 6;
        assertTrue(chunk >= 16, "module of " + module.length + " bytes");
        c2().chunkBlobs(chunk, 2);
        node = startNode();
        c2().command(assign(Missions.assignment("m-chunks", "node-1", 40, 10, LinkLossPolicy.CONTINUE, 0,
                offered(module))));
        await("two chunks on disk, the third asked for", () -> c2().received(EdgeToC2::hasBlobRequest).size() >= 3);
        c2().cut();
        await("link down", () -> node.link().state() != LinkState.CONNECTED);
        c2().chunkBlobs(chunk, Integer.MAX_VALUE);
        c2().restore();
        await("completed", () -> reached("m-chunks", NodeMissionState.COMPLETED));

        List<Long> offsets = c2().received(EdgeToC2::hasBlobRequest).stream()
                .map(m -> m.getBlobRequest().getOffset()).toList();
        long c = chunk;
        assertEquals(List.of(0L, c, 2 * c, 2 * c), offsets.subList(0, 4),
                "asked from 128 again after the reconnect, not from 0: " + offsets);
        for (int i = 4; i < offsets.size(); i++) {
            assertEquals(offsets.get(i - 1) + c, offsets.get(i), "then chunk after chunk: " + offsets);
        }
        assertTrue(c2().received(EdgeToC2::hasBlobRequest).stream()
                .allMatch(m -> m.getBlobRequest().getMaxChunkBytes() > 0), "the node asks for chunks");
        assertArrayEquals(module, new BlobCache(dir.resolve("data/blobs")).get(BlobCache.sha256Hex(module))
                .orElseThrow());
    }
}
