package io.lockstep.cli.bench.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.sim.World;
import io.lockstep.platform.sim.WorldFile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupervisorOverheadBenchmarkTest {
    private static final World WORLD = WorldFile.demo();

    @Test
    void theTraceFliesTheSurveyFromTheBaseIntoTheField() {
        CommandTrace trace = CommandTrace.survey(WORLD, 120, 60, 3_000);
        assertEquals(3_000, trace.length());
        assertTrue(trace.readings()[0].position().distanceTo(WORLD.base()) < 2.0, "starts near the base");
        assertTrue(trace.fence().contains(trace.readings()[2_999].position()), "ends inside the field");
        for (Vec2 request : trace.requested()) {
            assertEquals(CommandTrace.SURVEY_SPEED_MPS, request.length(), 1e-9);
        }
    }

    @Test
    void theSupervisorActsOnSomeButNotMostCommandsOfAFullSurvey() {
        // Two full passes over the demo field: turns near the fence and the silo next to a lane.
        CommandTrace trace = CommandTrace.survey(WORLD, 120, 60, 12_000);
        assertTrue(trace.overriddenTicks() > 0, "no rule ever acted");
        assertTrue(trace.overriddenShare() < 0.5, "rules acted on " + trace.overriddenShare() + " of the trace");
    }

    @Test
    void measuresBothPathsOverEveryRound() {
        CommandTrace trace = CommandTrace.survey(WORLD, 120, 60, 512);
        List<String> progress = new ArrayList<>();
        SupervisorOverhead result = new SupervisorOverheadBenchmark(trace, 2_000, 1, 3).run(WORLD, progress::add);
        assertEquals(6_000, result.measuredCommands());
        assertEquals(512, result.distinctCommands());
        assertTrue(result.supervisedNsPerCommand() > 0, "supervised time");
        assertTrue(result.straightNsPerCommand() > 0, "straight time");
        assertTrue(result.overheadNsPerCommand() >= 0);
        assertTrue(Double.isFinite(SupervisorOverheadBenchmark.sink), "the loops' results escaped");
        assertEquals(2, progress.size(), progress.toString());
    }

    @Test
    void theOverheadNeverGoesBelowZero() {
        SupervisorOverhead noisy = new SupervisorOverhead(10.0, 12.0, 100, 10, 0.0);
        assertEquals(0.0, noisy.overheadNsPerCommand());
        assertEquals(10.0 / 12.0, noisy.ratio(), 1e-12);
        assertTrue(Double.isNaN(new SupervisorOverhead(10.0, 0.0, 100, 10, 0.0).ratio()));
    }

    @Test
    void rejectsSettingsThatMeasureNothing() {
        CommandTrace trace = CommandTrace.survey(WORLD, 120, 60, 16);
        assertThrows(IllegalArgumentException.class, () -> new SupervisorOverheadBenchmark(trace, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SupervisorOverheadBenchmark(trace, 10, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SupervisorOverheadBenchmark(trace, 10, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> CommandTrace.survey(WORLD, 120, 60, 0));
    }
}
