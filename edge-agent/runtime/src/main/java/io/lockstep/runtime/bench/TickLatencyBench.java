package io.lockstep.runtime.bench;

import io.lockstep.runtime.MissionRuntime;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Tick latency of survey fleets ticked at a fixed rate, as a node's tick loop does: the p99 of tick
 * durations as a fraction of the period, per round, and how many agents fit per core before that p99
 * reaches half the period.
 */
final class TickLatencyBench {
    private TickLatencyBench() {
    }

    /**
     * One paced round. {@code cpuP50} and {@code cpuP99} are percentiles of the CPU time the runtime's threads
     * used during each tick: a tick whose wall time is far above its CPU time waited for a core.
     */
    record Latency(double p50, double p99, double max, int ticks, double cpuP50, double cpuP99) {
    }

    /** The rounds of one fleet: the p99 fraction of each round and the round with the median p99. */
    record Paced(Rounds p99Fraction, Latency medianRound, int agents, int workers, long periodNanos) {
        String describe() {
            return String.format("%d agents at %.0f Hz, %d worker%s: p99 %s of the %.0f ms period; median round p50 "
                            + "%.3f ms, p99 %.3f ms, max %.3f ms over %d ticks; runtime threads' CPU per tick p50 %.3f ms, "
                            + "p99 %.3f ms", agents, 1e9 / periodNanos, workers,
                    workers == 1 ? "" : "s", p99Fraction.describe("%.3f"), periodNanos / 1e6,
                    medianRound.p50() * 1e3, medianRound.p99() * 1e3, medianRound.max() * 1e3, medianRound.ticks(),
                    medianRound.cpuP50() * 1e3, medianRound.cpuP99() * 1e3);
        }
    }

    /** Builds the fleet once, warms it up back to back, then runs {@code rounds} paced rounds. */
    static Paced paced(int agents, int workers, long periodNanos, int warmupTicks, int ticksPerRound, int rounds,
                       Consumer<String> progress) {
        Latency[] results = new Latency[rounds];
        double[] fractions = new double[rounds];
        try (MissionRuntime rt = SurveyBench.fleet(agents, null, workers).build()) {
            SurveyWorld world = new SurveyWorld();
            for (int t = 0; t < warmupTicks; t++) {
                world.apply(rt.tick(world.next()));
            }
            for (int r = 0; r < rounds; r++) {
                results[r] = round(rt, world, periodNanos, ticksPerRound);
                fractions[r] = results[r].p99() * 1e9 / periodNanos;
                progress.accept(String.format("  %d agents, %d worker%s, round %d/%d: p99 %.3f ms (%.3f of the period), "
                                + "p50 %.3f ms; CPU per tick p50 %.3f ms, p99 %.3f ms", agents, workers,
                        workers == 1 ? "" : "s", r + 1, rounds, results[r].p99() * 1e3, fractions[r],
                        results[r].p50() * 1e3, results[r].cpuP50() * 1e3, results[r].cpuP99() * 1e3));
            }
        }
        Rounds stats = Rounds.of(fractions, true);
        Latency median = results[0];
        for (Latency l : results) {
            if (Math.abs(l.p99() * 1e9 / periodNanos - stats.median())
                    < Math.abs(median.p99() * 1e9 / periodNanos - stats.median())) {
                median = l;
            }
        }
        return new Paced(stats, median, agents, workers, periodNanos);
    }

    private static Latency round(MissionRuntime rt, SurveyWorld world, long periodNanos, int ticks) {
        long[] durations = new long[ticks];
        long[] cpu = new long[ticks];
        RuntimeThreadsCpu runtimeCpu = new RuntimeThreadsCpu();
        long next = System.nanoTime();
        for (int t = 0; t < ticks; t++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long cpuStart = runtimeCpu.nanos();
            long start = System.nanoTime();
            world.apply(rt.tick(world.next()));
            durations[t] = System.nanoTime() - start;
            cpu[t] = runtimeCpu.nanos() - cpuStart;
            // A late tick does not make the next ones early: the schedule restarts from now.
            next = Math.max(next + periodNanos, System.nanoTime());
        }
        Arrays.sort(durations);
        Arrays.sort(cpu);
        int p99 = (int) Math.ceil(ticks * 0.99) - 1;
        return new Latency(durations[ticks / 2] / 1e9, durations[p99] / 1e9, durations[ticks - 1] / 1e9, ticks,
                cpu[ticks / 2] / 1e9, cpu[p99] / 1e9);
    }

    /** The largest fleet found to stay under half the period (0: not even the smallest), and its confirmation. */
    record Capacity(int agents, int workers, Paced confirmed) {
        double perCore() {
            return (double) agents / workers;
        }
    }

    /**
     * Doubles the fleet until the median p99 passes half the period, then bisects between the last fleet
     * that stayed under it and the first that did not (to {@code resolution} agents), and confirms the result
     * with {@code rounds} rounds.
     */
    static Capacity agentsPerCore(int workers, long periodNanos, int warmupTicks, int ticksPerRound, int rounds,
                                  int resolution, Consumer<String> progress) {
        int good = 0;
        int bad = 0;
        for (int n = 10; n <= 10_240; n *= 2) {
            if (fits(n, workers, periodNanos, warmupTicks, ticksPerRound, progress)) {
                good = n;
            } else {
                bad = n;
                break;
            }
        }
        if (bad == 0) {
            bad = good * 2;
        }
        while (bad - good > resolution) {
            int mid = (good + bad) / 2;
            if (fits(mid, workers, periodNanos, warmupTicks, ticksPerRound, progress)) {
                good = mid;
            } else {
                bad = mid;
            }
        }
        if (good == 0) {
            return new Capacity(0, workers, null);
        }
        Paced confirmed = paced(good, workers, periodNanos, warmupTicks, ticksPerRound, rounds, progress);
        return new Capacity(good, workers, confirmed);
    }

    private static boolean fits(int agents, int workers, long periodNanos, int warmupTicks, int ticksPerRound,
                                Consumer<String> progress) {
        Paced p = paced(agents, workers, periodNanos, warmupTicks, ticksPerRound, 3, s -> { });
        boolean fits = p.p99Fraction().median() <= 0.5;
        progress.accept(String.format("  capacity search: %d agents, median p99 %.3f of the period: %s", agents,
                p.p99Fraction().median(), fits ? "fits" : "too many"));
        return fits;
    }
}
