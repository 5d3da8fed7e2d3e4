package io.lockstep.runtime.bench;

import io.lockstep.runtime.ExecutionMode;
import io.lockstep.runtime.MissionRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code lockstep bench runtime}: measures each figure in the same run as its reference and compares it with
 * its target. Speed targets live here only; tests never time anything. Every figure is measured over several
 * rounds (five in a full run) and reports its best and median; the machine's load at the start and the end
 * goes into the environment line, so a reader can judge the noise.
 */
public final class RuntimeBenchmark {
    public static final double COMPILED_VS_JAVA_TARGET = 3.0;
    public static final double METERING_OVERHEAD_TARGET = 1.25;
    public static final double TICK_P99_FRACTION_TARGET = 0.5;
    public static final double JOURNAL_OVERHEAD_TARGET = 1.05;
    public static final double REPLAY_SPEED_TARGET = 50;
    private static final long PERIOD_100HZ = 10_000_000L;
    private static final long PERIOD_10HZ = 100_000_000L;

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
        int cores = MissionRuntime.defaultWorkers();
        String loadAtStart = MachineLoad.now();
        progress.accept("machine: " + cores + " available processors, " + loadAtStart + " at the start; JIT: "
                + JitSettings.describe());

        progress.accept("compiled_vs_java: pathplan (A*, 128x128 grid) compiled vs plain Java");
        PathPlanBench.Timing compiled = PathPlanBench.measure(ExecutionMode.COMPILED, 4, quick ? 10 : 40,
                quick ? 40 : 600, quick ? 20 : 120, rounds, progress);
        figures.add(new BenchFigure("compiled_vs_java", compiled.ratio(), COMPILED_VS_JAVA_TARGET, true,
                String.format("%.3f ms/plan in the runtime vs %.3f ms/plan in Java (best rounds), %d plans per round; "
                                + "per-round ratio %s", compiled.agentSecondsPerPlan() * 1e3,
                        compiled.javaSecondsPerPlan() * 1e3, compiled.plans(), compiled.ratios().describe("%.2f"))));
        // The same rounds timed by the CPU clocks of the threads that ran each side instead of wall-clock time:
        // on a shared machine that leaves out the time other processes had the cores. Informational; the target
        // applies to the wall-clock figure.
        figures.add(BenchFigure.informational("compiled_vs_java_cpu", compiled.cpuRatios().median(),
                String.format("per-round ratio of thread CPU time (agent thread vs main thread): %s",
                        compiled.cpuRatios().describe("%.2f"))));

        progress.accept("interpreter_vs_java: pathplan interpreted vs plain Java");
        PathPlanBench.Timing interpreted = PathPlanBench.measure(ExecutionMode.INTERPRETER, 1, quick ? 3 : 10, 5, 0,
                quick ? 1 : 2, progress);
        figures.add(BenchFigure.informational("interpreter_vs_java", interpreted.ratio(),
                String.format("%.3f ms/plan interpreted vs %.3f ms/plan in Java",
                        interpreted.agentSecondsPerPlan() * 1e3, interpreted.javaSecondsPerPlan() * 1e3)));

        progress.accept("metering_overhead: pathplan compiled with vs without the metering pass");
        MeteringBench.Timing metering = MeteringBench.measure(4, quick ? 10 : 40, quick ? 40 : 600, quick ? 20 : 120,
                rounds, progress);
        figures.add(new BenchFigure("metering_overhead", metering.ratio(), METERING_OVERHEAD_TARGET, true,
                String.format("%.3f s metered vs %.3f s unmetered for %d ticks of 4 plans (best rounds); per-round "
                                + "ratio %s", metering.meteredSeconds(), metering.unmeteredSeconds(), metering.ticks(),
                        metering.ratios().describe("%.3f"))));
        figures.add(BenchFigure.informational("metering_overhead_cpu", metering.cpuRatios().median(),
                String.format("per-round ratio of thread CPU time, metered vs unmetered: %s",
                        metering.cpuRatios().describe("%.3f"))));

        int warmup = quick ? 300 : 1000;
        int pacedTicks = quick ? 200 : 500;
        progress.accept("tick_p99_fraction: 100 survey agents at 100 Hz on " + cores + " workers");
        TickLatencyBench.Paced all = TickLatencyBench.paced(100, cores, PERIOD_100HZ, warmup, pacedTicks, rounds,
                progress);
        figures.add(new BenchFigure("tick_p99_fraction", all.p99Fraction().best(), TICK_P99_FRACTION_TARGET, true,
                all.describe()));

        progress.accept("tick_p99_fraction_1_worker: 100 survey agents at 100 Hz on one worker");
        TickLatencyBench.Paced one = TickLatencyBench.paced(100, 1, PERIOD_100HZ, warmup, pacedTicks, rounds,
                progress);
        figures.add(BenchFigure.informational("tick_p99_fraction_1_worker", one.p99Fraction().best(),
                one.describe()));

        progress.accept("tick_p99_fraction_1000_agents_10hz: 1,000 survey agents at 10 Hz on " + cores + " workers");
        TickLatencyBench.Paced thousand = TickLatencyBench.paced(1000, cores, PERIOD_10HZ, quick ? 30 : 100,
                quick ? 30 : 60, rounds, progress);
        figures.add(BenchFigure.informational("tick_p99_fraction_1000_agents_10hz", thousand.p99Fraction().best(),
                thousand.describe()));

        progress.accept("agents_per_core_100hz: survey agents per core at 100 Hz with the p99 under half the period");
        TickLatencyBench.Capacity capacity = TickLatencyBench.agentsPerCore(cores, PERIOD_100HZ, quick ? 150 : 300,
                quick ? 100 : 200, rounds, quick ? 20 : 10, progress);
        figures.add(BenchFigure.informational("agents_per_core_100hz", capacity.perCore(),
                String.format("%d agents on %d workers keep the p99 under 5 ms (search resolution %d agents); %s",
                        capacity.agents(), capacity.workers(), quick ? 20 : 10, capacity.confirmed() == null
                                ? "not even 10 agents did" : "confirmed: " + capacity.confirmed().describe())));

        progress.accept("memory_per_agent_kib: heap per survey agent instance");
        Rounds memory = AgentMemoryBench.kibPerAgent(quick ? 100 : 200, rounds, progress);
        figures.add(BenchFigure.informational("memory_per_agent_kib", memory.median(),
                String.format("heap growth per survey agent (linear memory, Chicory instance, host state), KiB: %s",
                        memory.describe("%.1f"))));

        progress.accept("journal_overhead: 100 survey agents with vs without a journal");
        SurveyBench.JournalTiming journal = SurveyBench.journalOverhead(100, quick ? 300 : 1000, rounds, work, progress);
        figures.add(new BenchFigure("journal_overhead", journal.ratio(), JOURNAL_OVERHEAD_TARGET, true,
                String.format("%.3f s with vs %.3f s without for %d back-to-back ticks on %d workers (best rounds), "
                                + "journal %d KiB; per-round ratio %s", journal.withSeconds(), journal.withoutSeconds(),
                        journal.ticks(), cores, journal.journalBytes() / 1024, journal.ratios().describe("%.3f"))));

        progress.accept("replay_speed: replay of a recorded survey mission");
        SurveyBench.ReplaySpeed replay = SurveyBench.replaySpeed(quick ? 1500 : 6000, rounds, work, progress);
        figures.add(new BenchFigure("replay_speed", replay.multipleOfRealTime(), REPLAY_SPEED_TARGET, false,
                String.format("%d ticks (%.0f s at 100 Hz, %d agents) replayed and verified in %.3f s (best); speed "
                                + "%s", replay.ticks(), replay.ticks() / 100.0, replay.agents(), replay.replaySeconds(),
                        replay.speeds().describe("%.0fx"))));

        // Other processes on the machine distort the figures; the load average says how much.
        String env = String.format("java %s (%s), %d available processors, %s at the start, %s at the end, %s %s",
                System.getProperty("java.version"), JitSettings.describe(), cores, loadAtStart, MachineLoad.now(),
                System.getProperty("os.name"), System.getProperty("os.arch"));
        return new RuntimeBenchReport(quick, figures, env);
    }
}
