package io.lockstep.edge.mission;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.agents.ExampleAgents;
import io.lockstep.edge.testing.MissionHarness;
import io.lockstep.edge.testing.Missions;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.proto.v1.AbortMission;
import io.lockstep.proto.v1.AgentSpec;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.ExecutionLimits;
import io.lockstep.proto.v1.LinkLossPolicy;
import io.lockstep.proto.v1.MissionAssignment;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.runtime.FuelCeiling;
import io.lockstep.runtime.JournalReplayer;
import io.lockstep.runtime.ReplayOptions;
import io.lockstep.runtime.ReplayReport;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An abort ends an agent that is running, at once, with no thread left behind and a valid journal. */
class MissionAbortTest {

    @TempDir
    Path dir;

    private MissionHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void abortEndsAnAgentSpinningOnTheLargestFuelBudget() throws Exception {
        harness = new MissionHarness(dir, new Vec2(10, 10), 50);
        byte[] bomb = ExampleAgents.bytes("hostile-fuel-bomb");
        harness.provide(bomb);
        AgentSpec agent = Missions.agent("bomb", bomb);
        MissionAssignment a = Missions.assignment("m-spin", "node-1", 40, FuelCeiling.MAX_TICK_PERIOD_MS,
                LinkLossPolicy.CONTINUE, 0, agent);
        a = a.toBuilder().setMission(a.getMission().toBuilder().setLimits(ExecutionLimits.newBuilder()
                .setTickPeriodMs(FuelCeiling.MAX_TICK_PERIOD_MS)
                .setFuelPerTick(FuelCeiling.forTickPeriod(FuelCeiling.MAX_TICK_PERIOD_MS)))).build();
        harness.executor.assign(a);
        String agentThread = "lockstep-agents-m-spin";
        // Tick 1 is under way once the mission runs and agent code is on the agent thread.
        await("agent code running in tick 1", () -> harness.reporter.reached(NodeMissionState.RUNNING)
                && runsAgentCode(agentThread));

        harness.executor.apply(C2ToEdge.newBuilder().setAbort(AbortMission.newBuilder().setMissionId("m-spin")
                .setReason("test")).build());
        await("aborted", () -> harness.reporter.reached(NodeMissionState.ABORTED));
        await("agent thread gone", () -> thread(agentThread) == null);

        assertFalse(harness.reporter.statuses.stream().flatMap(s -> s.getAgentsList().stream())
                .anyMatch(s -> s.getFault().equals("FUEL_EXHAUSTED")), "the tick was ended, not run to its end");
        ReplayReport report = JournalReplayer.replay(harness.store.journalPath("m-spin"), ReplayOptions.defaults());
        assertTrue(report.ok(), report.detail());
        assertEquals(0, report.lastVerifiedTick());
        assertEquals(1, report.unfinishedTick(), "the interrupted tick has inputs but no result");
    }

    private static boolean runsAgentCode(String name) {
        Thread t = thread(name);
        return t != null && Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getClassName().startsWith("com.dylibso"));
    }

    private static Thread thread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive())
                .findFirst().orElse(null);
    }
}
