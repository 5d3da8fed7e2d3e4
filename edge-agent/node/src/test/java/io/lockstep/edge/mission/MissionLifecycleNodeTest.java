package io.lockstep.edge.mission;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.command.CommandRefusedException;
import io.lockstep.edge.testing.MissionHarness;
import io.lockstep.edge.testing.Missions;
import io.lockstep.edge.testing.WasmAgents;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.proto.v1.AgentSpec;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.CancelMissionRequest;
import io.lockstep.proto.v1.LinkLossPolicy;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.StatusUpdate;
import io.lockstep.runtime.AgentSnapshot;
import io.lockstep.runtime.AgentState;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's side of the lifecycle: RECEIVED first, cancel requests and the rule by which it refuses them. */
class MissionLifecycleNodeTest {

    @TempDir
    Path dir;

    private MissionHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private static C2ToEdge cancel(String missionId, String reason) {
        return C2ToEdge.newBuilder().setCommandSeq(9).setCancelMission(CancelMissionRequest.newBuilder()
                .setMissionId(missionId).setReason(reason)).build();
    }

    @Test
    void theMachineReceiptComesBeforeAnythingIsFetchedOrChecked() throws Exception {
        harness = new MissionHarness(dir, new Vec2(10, 10), 50);
        byte[] wasm = WasmAgents.idle(5);
        harness.provide(wasm);
        harness.executor.assign(Missions.assignment("m-receipt", "node-1", 40, 10, LinkLossPolicy.CONTINUE, 0,
                Missions.agent("worker", wasm)));
        await("completed", () -> harness.reporter.reached(NodeMissionState.COMPLETED));
        List<NodeMissionState> states = harness.reporter.statuses.stream().map(StatusUpdate::getState).toList();
        assertEquals(NodeMissionState.RECEIVED, states.get(0));
        assertTrue(states.indexOf(NodeMissionState.ACCEPTED) > 0 || states.indexOf(NodeMissionState.LOADING) > 0);

        // A re-sent assignment of the running mission is no new receipt (C2 would read it as a restart).
        AgentSpec runner = Missions.agent("runner", WasmAgents.idle(0));
        harness.provide(WasmAgents.idle(0));
        var assignment = Missions.assignment("m-again", "node-1", 40, 10, LinkLossPolicy.CONTINUE, 0, runner);
        harness.executor.assign(assignment);
        await("running", () -> harness.reporter.statuses.stream().anyMatch(s -> s.getMissionId().equals("m-again")
                && s.getState() == NodeMissionState.RUNNING));
        harness.executor.assign(assignment);
        assertEquals(1, harness.reporter.statuses.stream().filter(s -> s.getMissionId().equals("m-again")
                && s.getState() == NodeMissionState.RECEIVED).count());
    }

    @Test
    void aCancelStopsARunningMissionWhichEndsAborted() throws Exception {
        harness = new MissionHarness(dir, new Vec2(10, 10), 50);
        byte[] wasm = WasmAgents.idle(0);
        harness.provide(wasm);
        harness.executor.assign(Missions.assignment("m-cancel", "node-1", 40, 10, LinkLossPolicy.CONTINUE, 0,
                Missions.agent("worker", wasm)));
        await("running", () -> harness.reporter.reached(NodeMissionState.RUNNING));

        harness.executor.apply(cancel("m-cancel", "weather"));

        assertEquals(NodeMissionState.ABORTED, harness.executor.view().orElseThrow().state());
        assertTrue(harness.executor.view().orElseThrow().detail().contains("cancelled by C2: weather"));
        CommandRefusedException again = assertThrows(CommandRefusedException.class,
                () -> harness.executor.apply(cancel("m-cancel", "again")));
        assertTrue(again.getMessage().contains("already ended as ABORTED"), again.getMessage());
        CommandRefusedException other = assertThrows(CommandRefusedException.class,
                () -> harness.executor.apply(cancel("m-other", "")));
        assertTrue(other.getMessage().contains("not running on this node"), other.getMessage());
    }

    @Test
    void pastThePointOfNoReturnACancelIsRefused() {
        MissionView nearlyDone = view(NodeMissionState.RUNNING, 950, 900);
        Optional<String> refusal = CancelRule.refusal(nearlyDone);
        assertTrue(refusal.isPresent());
        assertTrue(refusal.get().contains("point of no return"), refusal.get());
        assertTrue(refusal.get().contains("900‰"), refusal.get());

        assertEquals(Optional.empty(), CancelRule.refusal(view(NodeMissionState.RUNNING, 950, 899)));
        assertEquals(Optional.empty(), CancelRule.refusal(view(NodeMissionState.LOADING)));
        assertTrue(CancelRule.refusal(view(NodeMissionState.COMPLETED, 1000)).orElseThrow().contains("already ended"));
    }

    private static MissionView view(NodeMissionState state, int... progress) {
        List<AgentSnapshot> agents = java.util.Arrays.stream(progress)
                .mapToObj(p -> new AgentSnapshot("a" + p, AgentState.RUNNING, null, 0, p)).toList();
        return new MissionView("m-rule", state, "", 10, "", "", agents, 0, false, "CONTINUE", 0, 0);
    }
}
