package io.lockstep.runtime.bench;

import io.lockstep.runtime.ExecutionMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code lockstep bench runtime}: measures each figure in the same run as its reference and compares it with
 * its target. Speed targets live here only; tests never time anything.
 */
public final class RuntimeBenchmark {
    public static final double COMPILED_VS_JAVA_TARGET = 3.0;
    public static final double METERING_OVERHEAD_TARGET = 1.25;
    public static final double TICK_P99_FRACTION_TARGET = 0.5;
    public static final double JOURNAL_OVERHEAD_TARGET = 1.10;
    public static final double REPLAY_SPEED_TARGET = 50;

    private RuntimeBenchmark() {
    }

    /**
     * @param quick    fewer and shorter rounds (a minute instead of several)
     * @param work     directory for temporary journals (created if missing)
     * @param progress receives one line per step
     */
    public static RuntimeBenchReport run(boolean quick, Path work, Consumer<String> progress) {
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<BenchFigure> figures = new ArrayList<>();
        int rounds = quick ? 2 : 5;

        progress.accept("compiled_vs_java: pathplan (A*, 128x128 grid) compiled vs plain Java");
        PathPlanBench.Timing compiled = PathPlanBench.measure(ExecutionMode.COMPILED, 4, quick ? 10 : 40,
                quick ? 10 : 40, rounds, progress);
        figures.add(new BenchFigure("compiled_vs_java", compiled.ratio(), COMPILED_VS_JAVA_TARGET, true,
                String.format("%.3f ms/plan in the runtime vs %.3f ms/plan in Java, %d plans per round, best of %d",
                        compiled.agentSecondsPerPlan() * 1e3, compiled.javaSecondsPerPlan() * 1e3, compiled.plans(),
                        compiled.rounds())));

        progress.accept("interpreter_vs_java: pathplan interpreted vs plain Java");
        PathPlanBench.Timing interpreted = PathPlanBench.measure(ExecutionMode.INTERPRETER, 1, quick ? 3 : 10, 2,
                quick ? 1 : 2, progress);
        figures.add(BenchFigure.informational("interpreter_vs_java", interpreted.ratio(),
                String.format("%.3f ms/plan interpreted vs %.3f ms/plan in Java",
                        interpreted.agentSecondsPerPlan() * 1e3, interpreted.javaSecondsPerPlan() * 1e3)));

        progress.accept("metering_overhead: pathplan compiled with vs without the metering pass");
        MeteringBench.Timing metering = MeteringBench.measure(4, quick ? 10 : 40, quick ? 10 : 40, rounds, progress);
        figures.add(new BenchFigure("metering_overhead", metering.ratio(), METERING_OVERHEAD_TARGET, true,
                String.format("%.3f s metered vs %.3f s unmetered for %d ticks of 4 plans, best of %d",
                        metering.meteredSeconds(), metering.unmeteredSeconds(), metering.ticks(), rounds)));

        progress.accept("tick_p99_fraction: 100 survey agents at 100 Hz");
        SurveyBench.Latency latency = SurveyBench.pacedLatency(100, quick ? 300 : 1000, quick ? 300 : 1000, progress);
        figures.add(new BenchFigure("tick_p99_fraction", latency.p99() / 0.010, TICK_P99_FRACTION_TARGET, true,
                String.format("p50 %.3f ms, p99 %.3f ms, max %.3f ms over %d paced ticks (10 ms period), one ticking "
                        + "thread", latency.p50() * 1e3, latency.p99() * 1e3, latency.max() * 1e3, latency.ticks())));

        progress.accept("journal_overhead: 100 survey agents with vs without a journal");
        SurveyBench.JournalTiming journal = SurveyBench.journalOverhead(100, quick ? 300 : 1000, rounds, work, progress);
        figures.add(new BenchFigure("journal_overhead", journal.ratio(), JOURNAL_OVERHEAD_TARGET, true,
                String.format("%.3f s with vs %.3f s without for %d back-to-back ticks, journal %d KiB, best of %d",
                        journal.withSeconds(), journal.withoutSeconds(), journal.ticks(), journal.journalBytes() / 1024,
                        rounds)));

        progress.accept("replay_speed: replay of a recorded survey mission");
        SurveyBench.ReplaySpeed replay = SurveyBench.replaySpeed(quick ? 1500 : 6000, work, progress);
        figures.add(new BenchFigure("replay_speed", replay.multipleOfRealTime(), REPLAY_SPEED_TARGET, false,
                String.format("%d ticks (%.0f s at 100 Hz, %d agents) replayed and verified in %.3f s",
                        replay.ticks(), replay.ticks() / 100.0, replay.agents(), replay.replaySeconds())));

        // Other processes on the machine distort the figures; the load average says how much.
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String env = String.format("java %s, %d available processors, load average %.2f at the end, %s %s",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), load,
                System.getProperty("os.name"), System.getProperty("os.arch"));
        return new RuntimeBenchReport(quick, figures, env);
    }
}
