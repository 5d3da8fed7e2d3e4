package io.lockstep.runtime.bench;

import io.lockstep.agents.ExampleAgents;
import io.lockstep.runtime.AgentDefinition;
import io.lockstep.runtime.CapabilityGrant;
import io.lockstep.runtime.ExecutionMode;
import io.lockstep.runtime.InferenceService;
import io.lockstep.runtime.JournalReplayer;
import io.lockstep.runtime.MissionRuntime;
import io.lockstep.runtime.Parameter;
import io.lockstep.runtime.ReplayOptions;
import io.lockstep.runtime.ReplayReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Tick latency, journal overhead and replay speed on survey missions. */
final class SurveyBench {
    static final String NODE = "bench";
    static final long PERIOD_NANOS = 10_000_000L;
    /** A 2 km x 1 km area: survey agents stay busy for the whole measurement. */
    static final double[] AREA = {0, 0, 2000, 0, 2000, 1000, 0, 1000};

    private SurveyBench() {
    }

    static AgentDefinition survey(String name) {
        return new AgentDefinition(name, ExampleAgents.bytes("survey"), List.of(new Parameter("lane_spacing", "10")),
                new CapabilityGrant(List.of("sensor_read", "act_velocity", "emit"), List.of("swarm/progress/" + NODE),
                        List.of(), List.of()));
    }

    /** {@code agents} survey agents, on every available processor. */
    static MissionRuntime.Builder fleet(int agents, Path journal) {
        return fleet(agents, journal, MissionRuntime.defaultWorkers());
    }

    static MissionRuntime.Builder fleet(int agents, Path journal, int workers) {
        MissionRuntime.Builder b = MissionRuntime.builder().missionId("bench-survey").nodeId(NODE)
                .assignedArea(AREA).executionMode(ExecutionMode.COMPILED).workers(workers);
        for (int i = 0; i < agents; i++) {
            b.agent(survey(String.format("survey-%03d", i)));
        }
        if (journal != null) {
            b.journal(journal);
        }
        return b;
    }

    record JournalTiming(double withSeconds, double withoutSeconds, int ticks, long journalBytes, Rounds ratios) {
        double ratio() {
            return withSeconds / withoutSeconds;
        }
    }

    /** Back-to-back ticks with and without a journal, alternating, best of {@code rounds}. */
    static JournalTiming journalOverhead(int agents, int ticks, int rounds, Path dir, Consumer<String> progress) {
        double with = Double.MAX_VALUE;
        double without = Double.MAX_VALUE;
        long bytes = 0;
        double[] ratios = new double[rounds];
        runBackToBack(agents, ticks / 4, null);
        for (int r = 0; r < rounds; r++) {
            double plain = runBackToBack(agents, ticks, null);
            Path journal = dir.resolve("journal-overhead-" + r + ".journal");
            double journaled = runBackToBack(agents, ticks, journal);
            without = Math.min(without, plain);
            with = Math.min(with, journaled);
            ratios[r] = journaled / plain;
            bytes = size(journal);
            delete(journal);
            progress.accept(String.format("  journal round %d/%d: with %.3f s, without %.3f s", r + 1, rounds, with,
                    without));
        }
        return new JournalTiming(with, without, ticks, bytes, Rounds.of(ratios, true));
    }

    private static double runBackToBack(int agents, int ticks, Path journal) {
        try (MissionRuntime rt = fleet(agents, journal).build()) {
            SurveyWorld world = new SurveyWorld();
            long start = System.nanoTime();
            for (int t = 0; t < ticks; t++) {
                world.apply(rt.tick(world.next()));
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    record ReplaySpeed(double multipleOfRealTime, double replaySeconds, int ticks, int agents, Rounds speeds) {
    }

    /** Records a survey mission (survey + hazard-scout, as a node runs it), then replays it. */
    static ReplaySpeed replaySpeed(int ticks, int rounds, Path dir, Consumer<String> progress) {
        Path journal = dir.resolve("replay-speed.journal");
        InferenceService hazard = (model, input) -> new float[] {input.length > 0 ? 1 - input[0] : 0};
        MissionRuntime.Builder b = MissionRuntime.builder().missionId("bench-survey-replay").nodeId(NODE)
                .assignedArea(AREA).executionMode(ExecutionMode.COMPILED).inference(hazard).journal(journal)
                .agent(survey("survey"))
                .agent(new AgentDefinition("hazard-scout", ExampleAgents.bytes("hazard-scout"),
                        List.of(new Parameter("ticks", "0")),
                        new CapabilityGrant(List.of("sensor_read", "infer", "emit"), List.of("swarm/hazard/" + NODE),
                                List.of("hazard"), List.of())));
        try (MissionRuntime rt = b.build()) {
            SurveyWorld world = new SurveyWorld();
            for (int t = 0; t < ticks; t++) {
                world.apply(rt.tick(world.next()));
            }
        }
        progress.accept("  recorded " + ticks + " ticks (" + ticks / 100 + " s of mission time); replaying");
        JournalReplayer.replay(journal, ReplayOptions.defaults());
        double best = Double.MAX_VALUE;
        double[] speeds = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            ReplayReport report = JournalReplayer.replay(journal, ReplayOptions.defaults());
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!report.ok()) {
                throw new IllegalStateException("benchmark replay diverged: " + report.detail());
            }
            best = Math.min(best, seconds);
            speeds[r] = ticks * (PERIOD_NANOS / 1e9) / seconds;
            progress.accept(String.format("  replay round %d/%d: %.3f s (%.0fx real time)", r + 1, rounds, seconds,
                    speeds[r]));
        }
        delete(journal);
        return new ReplaySpeed(ticks * (PERIOD_NANOS / 1e9) / best, best, ticks, 2, Rounds.of(speeds, false));
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
