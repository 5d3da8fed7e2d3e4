package io.lockstep.edge.mission;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.testing.MissionHarness;
import io.lockstep.edge.testing.Missions;
import io.lockstep.edge.testing.WasmAgents;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.safety.InterventionKind;
import io.lockstep.platform.vehicle.VehicleReadings;
import io.lockstep.proto.v1.AgentSpec;
import io.lockstep.proto.v1.LinkLossPolicy;
import io.lockstep.proto.v1.NodeMissionState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tick loop against the simulated vehicle and the real safety supervisor. */
class MissionExecutorTest {

    @TempDir
    Path dir;

    private MissionHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private AgentSpec provided(String name, byte[] wasm, String... grants) {
        harness.provide(wasm);
        return Missions.agent(name, wasm, grants);
    }

    private long tick() {
        return harness.executor.view().orElseThrow().tick();
    }

    @Test
    void aGeofenceBreachAttemptIsClampedAtTheBoundaryReportedAndJournaled() throws Exception {
        harness = new MissionHarness(dir, new Vec2(34, 20), 50);
        AgentSpec agent = provided("eastward", WasmAgents.driving(5, 0, 400), "act_velocity");
        harness.executor.assign(Missions.assignment("m-fence", "node-1", 40, 10, LinkLossPolicy.CONTINUE, 0, agent));
        await("completed", () -> harness.reporter.reached(NodeMissionState.COMPLETED));

        assertTrue(harness.supervisor.counts().get(InterventionKind.GEOFENCE_CLAMP) >= 1);
        List<TickRecord> ticks = harness.ticks.range(0, Long.MAX_VALUE, 100_000);
        assertEquals(400, ticks.size());
        double maxX = ticks.stream().mapToDouble(TickRecord::x).max().orElseThrow();
        assertTrue(maxX <= 40.05, "the vehicle stayed inside the 40 m fence, max x = " + maxX);
        assertTrue(harness.vehicle.state().position().x() <= 40.05);
        assertTrue(ticks.stream().anyMatch(t -> t.overridden() && t.requestedVx() == 5 && t.appliedVx() < 5));
        assertTrue(ticks.stream().anyMatch(t -> t.hostEvents() > 0), "the intervention was fed to a later tick");
        assertTrue(ticks.stream().anyMatch(t -> (t.flags() & 4) != 0), "agents saw the intervened flag");
        assertTrue(harness.reporter.statuses.stream().anyMatch(s -> s.getDetail().contains("GEOFENCE_CLAMP")
                && s.getInterventionsOrDefault("GEOFENCE_CLAMP", 0) >= 1));
    }

    @Test
    void aStalledTickLoopTripsTheDeadMansSwitchWhichStopsTheVehicle() throws Exception {
        harness = new MissionHarness(dir, new Vec2(10, 10), 5);
        AgentSpec agent = provided("driver", WasmAgents.driving(1, 0, 0), "act_velocity");
        harness.executor.assign(Missions.assignment("m-stall", "node-1", 40, 10, LinkLossPolicy.CONTINUE, 0, agent));
        await("moving", () -> harness.vehicle.state().commandedVelocity().x() > 0);
        int stopsBefore = harness.vehicle.stops();
        // A loaded machine may already have tripped it once (a GC pause longer than 5 periods).
        long tripsBefore = harness.supervisor.counts().get(InterventionKind.DEADMAN_STOP);

        harness.vehicle.stall();
        await("dead-man tripped",
                () -> harness.supervisor.counts().get(InterventionKind.DEADMAN_STOP) > tripsBefore);
        assertTrue(harness.vehicle.stops() > stopsBefore);
        assertEquals(Vec2.ZERO, harness.vehicle.state().commandedVelocity());
        await("reported", () -> harness.reporter.statuses.stream()
                .anyMatch(s -> s.getDetail().contains("DEADMAN_STOP")));

        long stalledAt = tick();
        harness.vehicle.release();
        await("loop alive again", () -> tick() > stalledAt + 5);
        assertEquals(NodeMissionState.RUNNING, harness.executor.view().orElseThrow().state());
    }

    @Test
    void linkLossHoldStopsTheAgentsAndTheVehicleUntilTheLinkIsBack() throws Exception {
        harness = new MissionHarness(dir, new Vec2(10, 10), 50);
        AgentSpec agent = provided("driver", WasmAgents.driving(1, 0, 0), "act_velocity");
        harness.executor.assign(Missions.assignment("m-hold", "node-1", 40, 10, LinkLossPolicy.HOLD, 100, agent));
        await("moving", () -> harness.vehicle.state().velocity().x() > 0.5);

        harness.reporter.setLinkUp(false);
        await("holding", () -> harness.reporter.statuses.stream()
                .anyMatch(s -> s.getState() == NodeMissionState.HOLDING && s.getDetail().contains("HOLD")));
        long heldAt = tick();
        await("vehicle stopped", () -> harness.vehicle.state().velocity().length() < 1e-6);
        assertEquals(heldAt, tick(), "no agent tick while holding");
        assertEquals("HOLD", harness.executor.view().orElseThrow().linkLossPolicyInEffect());

        harness.reporter.setLinkUp(true);
        await("running again", () -> tick() > heldAt + 5);
        assertTrue(harness.reporter.statuses.stream().anyMatch(s -> s.getState() == NodeMissionState.RUNNING
                && s.getDetail().contains("restored")));
    }

    @Test
    void linkLossContinueKeepsTicking() throws Exception {
        harness = new MissionHarness(dir, new Vec2(10, 10), 50);
        AgentSpec agent = provided("worker", WasmAgents.idle(0));
        harness.executor.assign(Missions.assignment("m-cont", "node-1", 40, 10, LinkLossPolicy.CONTINUE, 0, agent));
        await("running", () -> harness.reporter.reached(NodeMissionState.RUNNING));
        harness.reporter.setLinkUp(false);
        long t = tick();
        await("still ticking offline", () -> tick() > t + 20);
        // Tick t + 1 may have sampled the link just before it went down; every later one samples it down.
        assertTrue(harness.ticks.range(t + 2, Long.MAX_VALUE, 10).stream().allMatch(r -> (r.flags() & 2) == 0),
                "agents see the link down in the sensor frame");
        assertTrue(harness.reporter.statuses.stream().noneMatch(s -> s.getState() == NodeMissionState.HOLDING));
    }

    @Test
    void linkLossReturnToBaseDrivesTheVehicleHome() throws Exception {
        harness = new MissionHarness(dir, new Vec2(1, 1), 50);
        AgentSpec agent = provided("worker", WasmAgents.idle(0));
        harness.executor.assign(Missions.assignment("m-rtb", "node-1", 40, 10, LinkLossPolicy.RETURN_TO_BASE, 0,
                agent));
        await("running", () -> harness.reporter.reached(NodeMissionState.RUNNING));
        harness.reporter.setLinkUp(false);
        await("returning", () -> harness.reporter.statuses.stream()
                .anyMatch(s -> s.getState() == NodeMissionState.HOLDING && s.getDetail().contains("RETURN_TO_BASE")));
        await("at base", () -> harness.vehicle.state().position().distanceTo(new Vec2(-10, -10)) < 1.5);
        assertTrue(harness.supervisor.isReturningToBase(), "the supervisor's own return to base drives it");
        assertEquals(1L, harness.supervisor.counts().get(InterventionKind.RETURN_TO_BASE));

        harness.reporter.setLinkUp(true);
        await("link restored", () -> harness.reporter.statuses.stream()
                .anyMatch(s -> s.getState() == NodeMissionState.RUNNING && s.getDetail().contains("restored")));
        await("control back with the agents", () -> !harness.supervisor.isReturningToBase());
    }

    @Test
    void aReturnToBaseTheBatteryStartedIsNotCancelledWhenTheLinkComesBack() throws Exception {
        harness = new MissionHarness(dir, new Vec2(1, 1), 50);
        AgentSpec agent = provided("worker", WasmAgents.idle(0));
        harness.supervisor.apply(0, Vec2.ZERO, new VehicleReadings(new Vec2(1, 1), Vec2.ZERO, 0.1, new double[0]), 0.01);
        assertTrue(harness.supervisor.isReturningToBase(), "low battery: the supervisor returns on its own");
        harness.executor.assign(Missions.assignment("m-rtb-battery", "node-1", 40, 10, LinkLossPolicy.RETURN_TO_BASE,
                0, agent));
        await("running", () -> harness.reporter.reached(NodeMissionState.RUNNING));
        harness.reporter.setLinkUp(false);
        await("holding", () -> harness.reporter.reached(NodeMissionState.HOLDING));
        harness.reporter.setLinkUp(true);
        await("link restored", () -> harness.reporter.statuses.stream()
                .anyMatch(s -> s.getState() == NodeMissionState.RUNNING && s.getDetail().contains("restored")));
        assertTrue(harness.supervisor.isReturningToBase(), "the battery return is not the policy's to cancel");
        assertEquals(0L, harness.supervisor.counts().get(InterventionKind.RETURN_TO_BASE));
    }

    @Test
    void pauseStepAndInjectFromTheDebugPortAreExactAndJournaled() throws Exception {
        harness = new MissionHarness(dir, new Vec2(10, 10), 50);
        AgentSpec agent = provided("worker", WasmAgents.idle(0));
        harness.executor.assign(Missions.assignment("m-step", "node-1", 40, 10, LinkLossPolicy.CONTINUE, 0, agent));
        await("running", () -> harness.reporter.reached(NodeMissionState.RUNNING));
        MissionRun run = harness.executor.running().orElseThrow();
        run.pause();
        await("paused", () -> harness.executor.view().orElseThrow().paused());
        long paused = tick();
        harness.executor.inject("test-input", new byte[] {1, 2, 3});
        run.step();
        await("one step", () -> tick() == paused + 1);
        TickRecord stepped = harness.ticks.range(paused + 1, paused + 1, 1).get(0);
        assertEquals(1, stepped.commands());
        run.unpause();
        await("running freely", () -> tick() > paused + 10);
    }
}
