package io.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.runtime.engine.AgentStateData;
import io.lockstep.runtime.engine.EngineSnapshot;
import io.lockstep.runtime.engine.MissionEngine;
import io.lockstep.runtime.journal.FullSnapshotEncoder;
import io.lockstep.runtime.journal.RecordType;
import io.lockstep.runtime.journal.SnapshotCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent that finished (or faulted) before a snapshot keeps reporting the fuel of its last run after a node
 * resumes from that snapshot, as it did before the restart (issue 8 point 16).
 */
class StoppedAgentFuelAfterResumeTest {
    private static final int SNAPSHOT_TICK = 12;

    @TempDir
    Path dir;

    private static MissionRuntime.Builder mission(ExecutionMode mode) {
        // echo finishes at tick 10; spin runs out of fuel in its first tick.
        return TestAgents.mission(mode, TestAgents.echo("echo"), TestAgents.plain("spin", "spin"))
                .limits(RuntimeLimits.defaults().withFuelPerTick(100_000));
    }

    @Test
    void finishedAndFaultedAgentsReportTheirLastFuelAfterResume() throws IOException {
        Path journal = dir.resolve("node.journal");
        List<AgentSnapshot> before;
        try (MissionRuntime rt = mission(ExecutionMode.COMPILED).journal(journal).snapshotEvery(SNAPSHOT_TICK)
                .build()) {
            TickResult r = null;
            for (int t = 1; t <= SNAPSHOT_TICK; t++) {
                r = rt.tick(TestAgents.frame(t));
            }
            before = r.agents();
        }
        assertEquals(AgentState.DONE, before.get(0).state());
        assertEquals(AgentState.FAULTED, before.get(1).state());
        assertTrue(before.get(0).fuelUsed() > 0, "the finished agent reports the fuel of its last tick");
        assertEquals(100_000, before.get(1).fuelUsed(), "the faulted agent reports the fuel it exhausted");

        for (ExecutionMode mode : ExecutionMode.values()) {
            Path copy = Files.copy(journal, dir.resolve(mode + ".journal"));
            try (MissionRuntime rt = MissionRuntime.resume(copy, InferenceService.NONE, mode)) {
                assertEquals(SNAPSHOT_TICK, rt.currentTick());
                List<AgentSnapshot> after = rt.tick(TestAgents.frame(SNAPSHOT_TICK + 1)).agents();
                assertEquals(before, after, "status after resuming in " + mode);
            }
        }
    }

    @Test
    void snapshotsWrittenBeforeTheFuelWasRecordedStillDecode() {
        EngineSnapshot snapshot;
        List<byte[]> memories = new java.util.ArrayList<>();
        try (MissionEngine engine = TestAgents.engine(ExecutionMode.INTERPRETER,
                RuntimeLimits.defaults().withFuelPerTick(100_000), TestAgents.echo("echo"),
                TestAgents.plain("spin", "spin"))) {
            engine.initialize();
            engine.tick(TestAgents.inputs(1));
            snapshot = engine.snapshot();
            for (int i = 0; i < snapshot.agents().size(); i++) {
                memories.add(engine.memoryCopy(i));
            }
        }
        // The oldest layout is the whole-memory snapshot without the trailing fuel list.
        byte[] old = FullSnapshotEncoder.encode(snapshot, memories, false);
        EngineSnapshot decoded = SnapshotCodec.decode(RecordType.FULL_SNAPSHOT, old);
        assertEquals(snapshot.agents().size(), decoded.agents().size());
        for (AgentStateData a : decoded.agents()) {
            assertEquals(0, a.reportedFuel(), "an old snapshot carries no fuel");
        }
        EngineSnapshot withFuel = SnapshotCodec.decode(RecordType.FULL_SNAPSHOT,
                FullSnapshotEncoder.encode(snapshot, memories, true));
        EngineSnapshot current = SnapshotCodec.decode(RecordType.SNAPSHOT, SnapshotCodec.encode(snapshot));
        for (int i = 0; i < snapshot.agents().size(); i++) {
            assertTrue(snapshot.agents().get(i).reportedFuel() > 0, "both agents ran in tick 1");
            assertEquals(snapshot.agents().get(i).reportedFuel(), withFuel.agents().get(i).reportedFuel());
            assertEquals(snapshot.agents().get(i).reportedFuel(), current.agents().get(i).reportedFuel());
        }
    }
}
