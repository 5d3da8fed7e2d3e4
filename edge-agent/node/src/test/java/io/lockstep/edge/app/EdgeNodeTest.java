package io.lockstep.edge.app;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.mission.BlobCache;
import io.lockstep.edge.testing.FakeC2;
import io.lockstep.edge.testing.Missions;
import io.lockstep.edge.testing.NodeOnFakeC2;
import io.lockstep.edge.testing.WasmAgents;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.proto.v1.AbortMission;
import io.lockstep.proto.v1.AgentSpec;
import io.lockstep.proto.v1.AssignMission;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.CommandAck;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.EmergencyStop;
import io.lockstep.proto.v1.Hello;
import io.lockstep.proto.v1.LinkLossPolicy;
import io.lockstep.proto.v1.MissionAssignment;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.StatusUpdate;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A whole node against an in-process fake C2: the protocol path of missions and commands. */
class EdgeNodeTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final NodeOnFakeC2 fixture = new NodeOnFakeC2();

    private EdgeNode node;

    private FakeC2 c2() {
        return fixture.c2();
    }

    private NodeSettings settings() {
        return fixture.settings(dir.resolve("data"));
    }

    private EdgeNode startNode() {
        return startNode(settings());
    }

    private EdgeNode startNode(NodeSettings s) {
        return fixture.start(s);
    }

    private static C2ToEdge.Builder assign(MissionAssignment a) {
        return C2ToEdge.newBuilder().setAssign(AssignMission.newBuilder().setAssignment(a));
    }

    private AgentSpec offered(String name, byte[] wasm, String... grants) {
        c2().offerBlob(BlobCache.sha256Hex(wasm), wasm);
        return Missions.agent(name, wasm, grants);
    }

    private List<NodeMissionState> states(String missionId) {
        return c2().statuses().stream().filter(s -> s.getMissionId().equals(missionId))
                .filter(s -> !s.getDetail().startsWith("safety intervention"))
                .map(StatusUpdate::getState).distinct().toList();
    }

    private boolean reached(String missionId, NodeMissionState state) {
        return c2().statuses().stream().anyMatch(s -> s.getMissionId().equals(missionId) && s.getState() == state);
    }

    @Test
    void anAssignedMissionIsAckedFetchedJournaledAndRunToCompletion() {
        node = startNode();
        AgentSpec agent = offered("worker", WasmAgents.idle(20));
        long seq = c2().command(assign(Missions.assignment("m-ok", "node-1", 40, 10, LinkLossPolicy.CONTINUE, 0, agent)));
        await("completed", () -> reached("m-ok", NodeMissionState.COMPLETED));
        await("acked", () -> c2().acks().size() == 1);

        CommandAck ack = c2().acks().get(0);
        assertEquals(seq, ack.getCommandSeq());
        assertTrue(ack.getApplied());
        assertEquals(List.of(NodeMissionState.RECEIVED, NodeMissionState.ACCEPTED, NodeMissionState.LOADING,
                NodeMissionState.RUNNING, NodeMissionState.COMPLETED), states("m-ok"));
        // Every status carries a version, growing in the order the link delivers them (a re-send repeats one).
        List<Long> versions = c2().statuses().stream().map(StatusUpdate::getStatusVersion).distinct().toList();
        assertEquals(versions.stream().sorted().toList(), versions, "status versions grow: " + versions);
        assertTrue(versions.get(0) > 0);
        StatusUpdate done = c2().statuses().stream().filter(u -> u.getState() == NodeMissionState.COMPLETED)
                .findFirst().orElseThrow();
        assertEquals(20, done.getTick());
        assertEquals(64, done.getFingerprint().length());
        assertTrue(Files.isRegularFile(Path.of(done.getJournalPath())), done.getJournalPath());
        assertEquals("DONE", done.getAgents(0).getState());
        assertTrue(Files.isRegularFile(dir.resolve("data/blobs/" + agent.getModuleSha256())), "module cached by digest");
        await("telemetry", () -> c2().received(EdgeToC2::hasTelemetry).size() == 2);
        assertEquals(List.of(10L, 20L), c2().received(EdgeToC2::hasTelemetry).stream()
                .map(m -> m.getTelemetry().getTick()).toList(), "100 Hz ticks downsampled to 10 Hz telemetry");
    }

    @Test
    void anInvalidWorldFileIsAClearStartupError() throws Exception {
        Path world = Files.writeString(dir.resolve("world.json"), "{\"name\": \"broken\", \"bounds\": 42}");
        NodeSettings s = NodeSettings.defaults("node-1", dir.resolve("data"), fixture.c2().port()).withWorld(world);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EdgeNode.start(s, OpenTelemetry.noop()));
        assertTrue(e.getMessage().contains("world.json"), e.getMessage());
    }

    @Test
    void theSameCommandDeliveredTwiceIsAppliedOnceButAckedTwice() {
        node = startNode();
        AgentSpec agent = offered("worker", WasmAgents.idle(0));
        C2ToEdge command = assign(Missions.assignment("m-dup", "node-1", 40, 10, LinkLossPolicy.CONTINUE, 0, agent))
                .setCommandSeq(41).build();
        c2().send(command);
        await("running", () -> reached("m-dup", NodeMissionState.RUNNING));
        c2().send(command);
        await("two acks", () -> c2().acks().size() == 2);
        assertEquals(List.of(41L, 41L), c2().acks().stream().map(CommandAck::getCommandSeq).toList());
        assertEquals(1, node.dispatcher().appliedCount());
        assertEquals(1, node.dispatcher().duplicateCount());
        long accepted = c2().statuses().stream().filter(s -> s.getState() == NodeMissionState.ACCEPTED).count();
        assertEquals(1, accepted, "the mission was not started a second time");
    }

    @Test
    void aModuleWhoseBytesDoNotMatchItsDigestRejectsTheMission() {
        node = startNode();
        byte[] real = WasmAgents.idle(5);
        AgentSpec agent = Missions.agent("worker", real);
        c2().offerBlob(agent.getModuleSha256(), WasmAgents.idle(6));
        c2().command(assign(Missions.assignment("m-bad", "node-1", 40, 10, LinkLossPolicy.CONTINUE, 0, agent)));
        await("rejected", () -> reached("m-bad", NodeMissionState.REJECTED));
        StatusUpdate rejected = c2().statuses().stream().filter(s -> s.getState() == NodeMissionState.REJECTED)
                .findFirst().orElseThrow();
        assertTrue(rejected.getDetail().contains("digest mismatch"), rejected.getDetail());
        assertFalse(Files.exists(dir.resolve("data/blobs/" + agent.getModuleSha256())));
    }

    @Test
    void aMalformedAssignmentIsRefusedInTheAck() {
        node = startNode();
        AgentSpec agent = offered("worker", WasmAgents.idle(5));
        MissionAssignment wrongNode = Missions.assignment("m-x", "node-7", 40, 10, LinkLossPolicy.CONTINUE, 0, agent);
        c2().command(assign(wrongNode));
        await("ack", () -> c2().acks().size() == 1);
        assertFalse(c2().acks().get(0).getApplied());
        assertTrue(c2().acks().get(0).getError().contains("node-7"));
        assertTrue(reached("m-x", NodeMissionState.REJECTED));
    }

    @Test
    void helloAdvertisesNoGpuWhenInferenceOnTheGpuIsSwitchedOff() {
        node = startNode(settings().withInferenceGpu(false));
        Hello hello = c2().received(EdgeToC2::hasHello).get(0).getHello();
        assertFalse(hello.getCapabilities().getGpu());
        assertEquals("node-1", hello.getNodeId());
    }

    @Test
    void anInvalidModuleFailsTheMission() {
        node = startNode();
        byte[] garbage = "not wasm at all".getBytes();
        AgentSpec agent = offered("worker", garbage);
        c2().command(assign(Missions.assignment("m-garbage", "node-1", 40, 10, LinkLossPolicy.CONTINUE, 0, agent)));
        await("failed", () -> reached("m-garbage", NodeMissionState.FAILED));
    }

    @Test
    void abortEndsTheMissionAndStopsTheVehicle() {
        node = startNode();
        AgentSpec agent = offered("driver", WasmAgents.driving(1, 0, 0), "act_velocity");
        c2().command(assign(Missions.assignment("m-abort", "node-1", 40, 10, LinkLossPolicy.CONTINUE, 0, agent)));
        await("running", () -> reached("m-abort", NodeMissionState.RUNNING));
        c2().command(C2ToEdge.newBuilder().setAbort(AbortMission.newBuilder().setMissionId("m-abort").setReason("test")));
        await("aborted", () -> reached("m-abort", NodeMissionState.ABORTED));
        assertEquals(Vec2.ZERO, node.vehicle().state().commandedVelocity());
        await("abort acked", () -> c2().acks().size() == 2 && c2().acks().get(1).getApplied());
    }

    @Test
    void emergencyStopFromC2LatchesStopsTheVehicleAndIsReportedAndJournaled() {
        node = startNode();
        AgentSpec agent = offered("driver", WasmAgents.driving(1, 0, 0), "act_velocity");
        c2().command(assign(Missions.assignment("m-estop", "node-1", 40, 10, LinkLossPolicy.CONTINUE, 0, agent)));
        await("running", () -> reached("m-estop", NodeMissionState.RUNNING));
        await("moving", () -> node.vehicle().state().commandedVelocity().x() > 0);

        c2().command(C2ToEdge.newBuilder().setEmergencyStop(EmergencyStop.newBuilder().setEngaged(true)
                .setReason("operator")));
        await("latched", () -> node.supervisor().isEmergencyStopLatched());
        await("reported", () -> c2().statuses().stream().anyMatch(s -> s.getDetail().contains("ESTOP")
                && s.getInterventionsOrDefault("ESTOP", 0) == 1));
        await("journaled as a host event", () -> node.ticks().range(0, Long.MAX_VALUE, 10_000).stream()
                .anyMatch(t -> t.hostEvents() > 0 && (t.flags() & 1) == 1));
        assertEquals(Vec2.ZERO, node.vehicle().state().commandedVelocity());

        c2().command(C2ToEdge.newBuilder().setEmergencyStop(EmergencyStop.newBuilder().setEngaged(false)));
        await("released", () -> !node.supervisor().isEmergencyStopLatched());
        await("moving again", () -> node.vehicle().state().commandedVelocity().x() > 0);
    }
}
