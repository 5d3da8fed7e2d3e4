package io.lockstep.runtime.bench;

import io.lockstep.agents.ExampleAgents;
import io.lockstep.agents.bench.PathPlanJava;
import io.lockstep.runtime.AgentDefinition;
import io.lockstep.runtime.CapabilityGrant;
import io.lockstep.runtime.ExecutionMode;
import io.lockstep.runtime.LogEntry;
import io.lockstep.runtime.MissionRuntime;
import io.lockstep.runtime.Parameter;
import io.lockstep.runtime.RuntimeLimits;
import io.lockstep.runtime.TickInputs;
import io.lockstep.runtime.TickResult;
import java.util.List;
import java.util.function.Consumer;

/**
 * The compute benchmark: the {@code pathplan} agent (A* on a grid) in the runtime against the same algorithm
 * in plain Java ({@link PathPlanJava}), same parameters, same plans. Both sides continue one plan sequence
 * across timed rounds; the checksums at the end must agree, which proves they did the same work.
 */
final class PathPlanBench {
    static final long SEED = 1;
    static final int SIZE = 128;
    static final int DENSITY = 25;
    private static final int WARMUP_CHUNK_TICKS = 5;

    private PathPlanBench() {
    }

    static List<Parameter> params(int plansPerTick) {
        return List.of(new Parameter("seed", Long.toString(SEED)), new Parameter("size", Integer.toString(SIZE)),
                new Parameter("density", Integer.toString(DENSITY)),
                new Parameter("plans", Integer.toString(plansPerTick)), new Parameter("ticks", "1000000"));
    }

    /** Seconds per plan in the runtime (min over rounds) and the Java reference measured alongside. */
    /**
     * @param cpuRatios per-round ratios of the CPU time of the thread that ran each side (the agent thread, the
     *                  main thread): less sensitive to load than wall-clock time
     */
    record Timing(double agentSecondsPerPlan, double javaSecondsPerPlan, int plans, int rounds, Rounds ratios,
                  Rounds cpuRatios) {
        double ratio() {
            return agentSecondsPerPlan / javaSecondsPerPlan;
        }
    }

    /**
     * @param warmupTicks      ticks to run at least before timing; more until the JIT has settled
     * @param maxWarmupSeconds cap on the warm-up
     */
    static Timing measure(ExecutionMode mode, int plansPerTick, int ticksPerRound, int warmupTicks,
                          double maxWarmupSeconds, int rounds, Consumer<String> progress) {
        AgentDefinition agent = new AgentDefinition("pathplan", ExampleAgents.bytes("pathplan"), params(plansPerTick),
                CapabilityGrant.none());
        RuntimeLimits limits = RuntimeLimits.defaults().withFuelPerTick(RuntimeLimits.MAX_FUEL_PER_TICK);
        PathPlanJava java = new PathPlanJava(SEED, SIZE, DENSITY);
        double bestAgent = Double.MAX_VALUE;
        double bestJava = Double.MAX_VALUE;
        String lastLog = "";
        double[] ratios = new double[rounds];
        double[] cpuRatios = new double[rounds];
        try (MissionRuntime rt = MissionRuntime.builder().missionId("bench-pathplan").nodeId("bench")
                .executionMode(mode).limits(limits).agent(agent).build()) {
            String[] last = {lastLogOf(rt.tick(TickInputs.empty()), lastLog)};
            // The agent runs on the runtime's agent thread: its CPU clock times the agent, the main thread's the
            // Java reference, both without the time a busy machine makes them wait.
            RuntimeThreadsCpu agentCpu = new RuntimeThreadsCpu();
            int chunks = Warmup.untilSteady(() -> {
                for (int t = 0; t < WARMUP_CHUNK_TICKS; t++) {
                    last[0] = lastLogOf(rt.tick(TickInputs.empty()), last[0]);
                }
            }, Math.max(1, warmupTicks / WARMUP_CHUNK_TICKS), maxWarmupSeconds, agentCpu::nanos);
            lastLog = last[0];
            // The reference continues the same plan sequence, so it runs the same number of warm-up plans.
            int warmupTicksRun = 1 + chunks * WARMUP_CHUNK_TICKS;
            // The reference continues the same plan sequence, so it runs the same warm-up plans, in tick-sized
            // calls as the rounds make them.
            for (int t = 0; t < warmupTicksRun; t++) {
                java.runPlans(plansPerTick);
            }
            progress.accept(String.format("  pathplan %s warmed up: %d ticks of %d plans", mode, warmupTicksRun,
                    plansPerTick));
            for (int r = 0; r < rounds; r++) {
                long cpu = agentCpu.nanos();
                long start = System.nanoTime();
                for (int t = 0; t < ticksPerRound; t++) {
                    lastLog = lastLogOf(rt.tick(TickInputs.empty()), lastLog);
                }
                double agentSeconds = (System.nanoTime() - start) / 1e9;
                long agentCpuNanos = agentCpu.nanos() - cpu;
                bestAgent = Math.min(bestAgent, agentSeconds);
                cpu = ThreadCpu.currentThread();
                start = System.nanoTime();
                for (int t = 0; t < ticksPerRound; t++) {
                    java.runPlans(plansPerTick);
                }
                double javaSeconds = (System.nanoTime() - start) / 1e9;
                long javaCpu = ThreadCpu.currentThread() - cpu;
                bestJava = Math.min(bestJava, javaSeconds);
                ratios[r] = agentSeconds / javaSeconds;
                cpuRatios[r] = (double) agentCpuNanos / Math.max(1, javaCpu);
                progress.accept(String.format("  pathplan %s round %d/%d: agent %.3f s, java %.3f s (this round: "
                                + "wall ratio %.2f, CPU ratio %.2f)", mode, r + 1, rounds, bestAgent, bestJava,
                        ratios[r], cpuRatios[r]));
            }
        }
        if (!lastLog.contains(java.checksumHex())) {
            throw new IllegalStateException("pathplan agent and PathPlanJava disagree: agent logged '" + lastLog
                    + "', java checksum " + java.checksumHex());
        }
        int plans = plansPerTick * ticksPerRound;
        return new Timing(bestAgent / plans, bestJava / plans, plans, rounds, Rounds.of(ratios, true),
                Rounds.of(cpuRatios, true));
    }

    private static String lastLogOf(TickResult r, String previous) {
        List<LogEntry> logs = r.logs();
        return logs.isEmpty() ? previous : logs.get(logs.size() - 1).message();
    }
}
