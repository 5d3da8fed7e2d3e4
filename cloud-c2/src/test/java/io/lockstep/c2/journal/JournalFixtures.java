package io.lockstep.c2.journal;

import static io.restassured.RestAssured.given;

import com.google.protobuf.ByteString;
import io.lockstep.c2.module.Sha256;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.c2.support.WasmModuleBuilder;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.JournalUploadAck;
import io.lockstep.proto.v1.JournalUploadChunk;
import io.lockstep.proto.v1.JournalUploadOffer;
import io.lockstep.runtime.AgentDefinition;
import io.lockstep.runtime.CapabilityGrant;
import io.lockstep.runtime.MissionRuntime;
import io.lockstep.runtime.TickInputs;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Missions dispatched to fake nodes, real journals recorded by the runtime, and the upload messages. */
final class JournalFixtures {

    private JournalFixtures() {
    }

    /** A mission with one "surveyor" agent running {@code module}, dispatched to {@code nodeId} (connected). */
    static String dispatchedMission(byte[] module, String nodeId) {
        String missionId = Fixtures.createMission(Fixtures.uploadModule(module));
        given().contentType(ContentType.JSON).body("{\"nodes\": [\"" + nodeId + "\"]}")
                .when().post("/api/v1/missions/" + missionId + "/dispatch")
                .then().statusCode(202);
        return missionId;
    }

    static byte[] module() {
        return WasmModuleBuilder.agent().tag(Fixtures.uniqueId("journal")).build();
    }

    /** The journal the edge runtime writes for {@code ticks} ticks of the mission's agent on the node. */
    static byte[] journal(Path dir, String missionId, String nodeId, byte[] module, int ticks) {
        Path file = dir.resolve(missionId + "-" + nodeId + ".journal");
        try (MissionRuntime runtime = MissionRuntime.builder().missionId(missionId).nodeId(nodeId)
                .agent(new AgentDefinition("surveyor", module, List.of(), CapabilityGrant.none()))
                .journal(file).workers(1).build()) {
            for (int t = 1; t <= ticks; t++) {
                runtime.tick(TickInputs.empty());
            }
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JournalUploadAck offer(FakeEdgeNode node, String missionId, byte[] journal, String sha256)
            throws InterruptedException {
        node.send(EdgeToC2.newBuilder().setJournalOffer(JournalUploadOffer.newBuilder().setMissionId(missionId)
                .setTotalBytes(journal.length).setSha256(sha256)).build());
        return ack(node, missionId);
    }

    static JournalUploadAck offer(FakeEdgeNode node, String missionId, byte[] journal) throws InterruptedException {
        return offer(node, missionId, journal, Sha256.of(journal));
    }

    static JournalUploadAck chunk(FakeEdgeNode node, String missionId, long offset, byte[] data, String sha256)
            throws InterruptedException {
        node.send(EdgeToC2.newBuilder().setJournalChunk(JournalUploadChunk.newBuilder().setMissionId(missionId)
                .setOffset(offset).setData(ByteString.copyFrom(data)).setSha256(sha256)).build());
        return ack(node, missionId);
    }

    /** Sends the piece of {@code journal} at [from, to) as one chunk with its right checksum. */
    static JournalUploadAck chunk(FakeEdgeNode node, String missionId, byte[] journal, int from, int to)
            throws InterruptedException {
        byte[] data = Arrays.copyOfRange(journal, from, to);
        return chunk(node, missionId, from, data, Sha256.of(data));
    }

    static JournalUploadAck ack(FakeEdgeNode node, String missionId) throws InterruptedException {
        C2ToEdge message = node.await(m -> m.hasJournalAck() && m.getJournalAck().getMissionId().equals(missionId));
        return message.getJournalAck();
    }
}
