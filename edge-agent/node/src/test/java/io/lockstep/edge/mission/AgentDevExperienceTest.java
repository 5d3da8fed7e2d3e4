package io.lockstep.edge.mission;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.agents.ExampleAgents;
import io.lockstep.edge.testing.MissionHarness;
import io.lockstep.edge.testing.Missions;
import io.lockstep.edge.testing.WasmAgents;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.proto.v1.AgentSpec;
import io.lockstep.proto.v1.LinkLossPolicy;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.Parameter;
import io.lockstep.proto.v1.Telemetry;
import io.lockstep.runtime.InputEvent;
import io.lockstep.runtime.JournalReplayer;
import io.lockstep.runtime.ReplayOptions;
import io.lockstep.runtime.journal.JournaledTick;
import io.lockstep.runtime.journal.MissionJournal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an agent author sees of a running mission: its logs, and the manual override of the debug port. */
class AgentDevExperienceTest {

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
    void anAgentsLogLinesReachTheDebugRingAndTheTelemetryTowardsC2() throws Exception {
        List<java.util.logging.LogRecord> nodeLog = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger agentCategory = java.util.logging.Logger.getLogger("io.lockstep.agent");
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                nodeLog.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        agentCategory.addHandler(capture);
        harness = new MissionHarness(dir, new Vec2(10, 10), 50);
        byte[] hello = ExampleAgents.bytes("hello");
        harness.provide(hello);
        AgentSpec agent = Missions.agent("hello", hello).toBuilder()
                .addParameters(Parameter.newBuilder().setKey("ticks").setValue("25")).build();
        harness.executor.assign(Missions.assignment("m-logs", "node-1", 40, 10, LinkLossPolicy.CONTINUE, 0, agent));
        await("completed", () -> harness.reporter.reached(NodeMissionState.COMPLETED));

        List<AgentLogRing.Line> lines = harness.agentLogs.after(0, 1_000).lines();
        assertEquals("hello: started", lines.get(0).message());
        assertEquals(0, lines.get(0).tick());
        assertEquals("hello: tick 1/25", lines.get(1).message());
        assertEquals("hello: done", lines.get(lines.size() - 1).message());
        assertEquals(27, lines.size(), "started, 25 ticks, done");
        assertTrue(lines.stream().allMatch(l -> l.missionId().equals("m-logs") && l.agent().equals("hello")));

        await("last telemetry", () -> harness.reporter.telemetry.stream()
                .anyMatch(t -> t.getLogsList().stream().anyMatch(l -> l.getMessage().equals("hello: done"))));
        List<String> forwarded = harness.reporter.telemetry.stream().map(Telemetry::getLogsList)
                .flatMap(List::stream).map(l -> l.getMessage()).toList();
        long dropped = harness.reporter.telemetry.stream().mapToLong(Telemetry::getLogsDropped).sum();
        assertEquals(27, forwarded.size() + dropped, "every line is either forwarded or counted: " + forwarded);
        assertTrue(harness.reporter.telemetry.stream().allMatch(t -> t.getLogsCount() <= AgentLogForwarder.MAX_PER_SAMPLE));

        agentCategory.removeHandler(capture);
        java.util.logging.LogRecord started = nodeLog.stream()
                .filter(r -> String.valueOf(r.getMessage()).contains("hello: started")
                        || r.getParameters() != null && java.util.Arrays.asList(r.getParameters()).contains("hello: started"))
                .findFirst().orElseThrow(() -> new AssertionError("no agent line in the node log: " + nodeLog.size()));
        assertEquals(java.util.logging.Level.INFO, started.getLevel(), "logged at the agent's level (info)");
    }

    @Test
    void aManualOverrideDrivesInsteadOfTheAgentsIsJournaledAndTimesOut() throws Exception {
        harness = new MissionHarness(dir, new Vec2(10, 10), 50);
        byte[] driver = WasmAgents.driving(1.0, 0.0, 0);
        harness.provide(driver);
        AgentSpec agent = Missions.agent("driver", driver, "act_velocity");
        harness.executor.assign(Missions.assignment("m-manual", "node-1", 40, 10, LinkLossPolicy.CONTINUE, 0, agent));
        await("running", () -> harness.reporter.reached(NodeMissionState.RUNNING));
        MissionRun run = harness.executor.running().orElseThrow();

        run.override(0.0, -0.5, 300);
        await("manual velocity applied", () -> harness.ticks.range(0, Long.MAX_VALUE, 100_000).stream()
                .anyMatch(t -> t.requestedVy() == -0.5 && t.requestedVx() == 0.0));
        await("override timed out", () -> run.manualOverride().isEmpty());
        long after = harness.executor.view().orElseThrow().tick();
        await("agents drive again", () -> harness.ticks.range(after + 2, Long.MAX_VALUE, 10).stream()
                .anyMatch(t -> t.requestedVx() == 1.0));
        assertTrue(run.lastFrame().isPresent());
        run.abort("test over");
        await("aborted", () -> harness.reporter.reached(NodeMissionState.ABORTED));
        run.join();

        MissionJournal journal = MissionJournal.load(harness.store.journalPath("m-manual"));
        List<String> events = journal.ticks().stream().map(JournaledTick::inputs)
                .flatMap(i -> i.hostEvents().stream()).map(AgentDevExperienceTest::describe)
                .filter(e -> e.startsWith("manual_override")).toList();
        assertEquals(List.of("manual_override vx=0.0 vy=-0.5 duration_ms=300", "manual_override_end timeout"), events);
        assertTrue(JournalReplayer.replay(harness.store.journalPath("m-manual"), ReplayOptions.defaults()).ok());
    }

    private static String describe(InputEvent e) {
        return e.kind() + " " + new String(e.data(), StandardCharsets.UTF_8);
    }
}
