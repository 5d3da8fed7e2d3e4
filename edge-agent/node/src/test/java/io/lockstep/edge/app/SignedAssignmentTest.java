package io.lockstep.edge.app;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.lockstep.edge.mission.AssignmentSignatureCheck;
import io.lockstep.edge.mission.BlobCache;
import io.lockstep.edge.testing.FakeC2;
import io.lockstep.edge.testing.Missions;
import io.lockstep.edge.testing.NodeOnFakeC2;
import io.lockstep.edge.testing.WasmAgents;
import io.lockstep.proto.signing.MissionSigningKeys;
import io.lockstep.proto.v1.AgentSpec;
import io.lockstep.proto.v1.AssignMission;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.CommandAck;
import io.lockstep.proto.v1.LinkLossPolicy;
import io.lockstep.proto.v1.MissionAssignment;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.StatusUpdate;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A real node with C2's mission signing key pinned runs only what C2 signed, and says why it refuses the rest. */
class SignedAssignmentTest {

    private static final KeyPair C2_KEY = MissionSigningKeys.generate();
    private static final KeyPair OTHER_KEY = MissionSigningKeys.generate();

    @TempDir
    Path dir;

    @RegisterExtension
    final NodeOnFakeC2 fixture = new NodeOnFakeC2();

    private EdgeNode node;
    private AgentSpec agent;

    private FakeC2 c2() {
        return fixture.c2();
    }

    @BeforeEach
    void offerTheAgent() {
        byte[] wasm = WasmAgents.idle(10);
        c2().offerBlob(BlobCache.sha256Hex(wasm), wasm);
        agent = Missions.agent("worker", wasm);
    }

    private void startNode(AssignmentSignatureCheck check) {
        node = fixture.start(fixture.settings(dir.resolve("data")), check);
    }

    private void startPinnedNode() {
        // pinned the way the setting gives it: base64 of the DER
        startNode(AssignmentSignatureCheck.of(Optional.of(
                Base64.getEncoder().encodeToString(C2_KEY.getPublic().getEncoded()))));
    }

    private MissionAssignment assignment(String missionId) {
        return Missions.assignment(missionId, "node-1", 40, 10, LinkLossPolicy.CONTINUE, 0, agent);
    }

    private static AssignMission.Builder signed(MissionAssignment a, KeyPair key) {
        byte[] bytes = a.toByteArray();
        return AssignMission.newBuilder().setAssignment(a).setSignedAssignment(ByteString.copyFrom(bytes))
                .setSignature(ByteString.copyFrom(MissionSigningKeys.sign(key.getPrivate(), bytes)))
                .setSigningKeyId(MissionSigningKeys.keyId(key.getPublic()));
    }

    private CommandAck send(AssignMission.Builder assign) {
        long seq = c2().command(C2ToEdge.newBuilder().setAssign(assign));
        await("ack of " + seq, () -> c2().acks().stream().anyMatch(a -> a.getCommandSeq() == seq));
        return c2().acks().stream().filter(a -> a.getCommandSeq() == seq).findFirst().orElseThrow();
    }

    private void assertRejected(String missionId, AssignMission.Builder assign, String why) {
        CommandAck ack = send(assign);
        assertFalse(ack.getApplied());
        assertTrue(ack.getError().contains(why), ack.getError());
        await("REJECTED status of " + missionId, () -> c2().statuses().stream()
                .anyMatch(s -> s.getMissionId().equals(missionId) && s.getState() == NodeMissionState.REJECTED));
        StatusUpdate rejected = c2().statuses().stream().filter(s -> s.getMissionId().equals(missionId)).findFirst()
                .orElseThrow();
        assertEquals(NodeMissionState.REJECTED, rejected.getState());
        assertTrue(rejected.getDetail().contains(why), rejected.getDetail());
        assertTrue(c2().statuses().stream().noneMatch(s -> s.getMissionId().equals(missionId)
                && s.getState() == NodeMissionState.RUNNING), "a refused assignment never runs");
    }

    @Test
    void anAssignmentSignedWithThePinnedKeyRuns() {
        startPinnedNode();
        CommandAck ack = send(signed(assignment("m-signed"), C2_KEY));
        assertTrue(ack.getApplied(), ack.getError());
        await("completed", () -> c2().statuses().stream().anyMatch(s -> s.getMissionId().equals("m-signed")
                && s.getState() == NodeMissionState.COMPLETED));
    }

    @Test
    void anUnsignedAssignmentIsRefusedWhenAKeyIsPinned() {
        startPinnedNode();
        assertRejected("m-unsigned", AssignMission.newBuilder().setAssignment(assignment("m-unsigned")),
                "unsigned assignment refused");
    }

    @Test
    void alteredSignedBytesAreRefused() {
        startPinnedNode();
        AssignMission.Builder assign = signed(assignment("m-bytes"), C2_KEY);
        byte[] bytes = assign.getSignedAssignment().toByteArray();
        bytes[bytes.length - 1] ^= 0x01;
        assertRejected("m-bytes", assign.setSignedAssignment(ByteString.copyFrom(bytes)), "does not verify");
    }

    @Test
    void anAssignmentAlteredNextToItsSignedBytesIsRefused() {
        startPinnedNode();
        AssignMission.Builder assign = signed(assignment("m-field"), C2_KEY);
        assign.setAssignment(assign.getAssignment().toBuilder().setShareCount(7));
        assertRejected("m-field", assign, "differs from the bytes C2 signed");
    }

    @Test
    void anAlteredSignatureIsRefused() {
        startPinnedNode();
        AssignMission.Builder assign = signed(assignment("m-sig"), C2_KEY);
        byte[] signature = assign.getSignature().toByteArray();
        signature[0] ^= 0x40;
        assertRejected("m-sig", assign.setSignature(ByteString.copyFrom(signature)), "does not verify");
    }

    @Test
    void anAssignmentSignedWithAnotherKeyIsRefused() {
        startPinnedNode();
        assertRejected("m-other", signed(assignment("m-other"), OTHER_KEY), "signed with key");
        // another key that claims the pinned key's id
        AssignMission.Builder forged = signed(assignment("m-forged"), OTHER_KEY)
                .setSigningKeyId(MissionSigningKeys.keyId(C2_KEY.getPublic()));
        assertRejected("m-forged", forged, "does not verify");
    }

    @Test
    void withoutAPinnedKeyUnsignedAssignmentsRun() {
        startNode(AssignmentSignatureCheck.unpinned());
        CommandAck ack = send(AssignMission.newBuilder().setAssignment(assignment("m-dev")));
        assertTrue(ack.getApplied(), ack.getError());
    }

    @Test
    void aMalformedPinnedKeyIsAClearError() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AssignmentSignatureCheck.of(Optional.of("not a key!")));
        assertTrue(e.getMessage().contains("PEM"), e.getMessage());
        assertEquals(MissionSigningKeys.keyId(C2_KEY.getPublic()), AssignmentSignatureCheck.of(Optional.of(
                MissionSigningKeys.publicPem(C2_KEY.getPublic()))).pinnedKeyId());
    }
}
