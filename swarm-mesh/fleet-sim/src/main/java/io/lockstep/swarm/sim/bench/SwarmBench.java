package io.lockstep.swarm.sim.bench;

import io.lockstep.runtime.ExecutionMode;
import io.lockstep.runtime.bench.BenchFigure;
import io.lockstep.swarm.allocation.Allocation;
import io.lockstep.swarm.allocation.Allocator;
import io.lockstep.swarm.allocation.Member;
import io.lockstep.swarm.allocation.MembershipView;
import io.lockstep.swarm.coverage.CoverageSet;
import io.lockstep.swarm.sim.FaultSpec;
import io.lockstep.swarm.sim.FleetSimulator;
import io.lockstep.swarm.sim.SimConfig;
import io.lockstep.swarm.sim.SimMission;
import io.lockstep.swarm.sim.SimReport;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The in-process swarm figures of {@code ./lockstep bench swarm}: allocation compute for 10,000 cells x 100
 * nodes (target at most 10 ms) and simulator speed with 10 nodes at the node's default 20 ms tick (target at
 * least 100x real time). Wall-clock time is read here, in the benchmark, never inside the simulation.
 */
public final class SwarmBench {

    public static final int CELLS = 10_000;
    public static final int NODES = 100;
    public static final double ALLOCATION_TARGET_MS = 10;
    public static final double SIM_SPEED_TARGET = 100;
    public static final int SIM_NODES = 10;

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final boolean quick;
    private final Consumer<String> progress;

    public SwarmBench(boolean quick, Consumer<String> progress) {
        this.quick = quick;
        this.progress = progress;
    }

    public List<BenchFigure> run() {
        List<BenchFigure> figures = new ArrayList<>();
        figures.add(allocation());
        figures.add(weightedAllocation());
        figures.add(simulatorSpeed());
        figures.add(simulatorSpeedWithoutAgents());
        return figures;
    }

    /**
     * Median time of one full allocation (every cell open), measured as the benchmark thread's CPU time
     * (the wall time, which other processes on a shared machine inflate, is in the detail).
     */
    public BenchFigure allocation() {
        return allocation(1, "allocation_10k_cells_100_nodes_ms", ALLOCATION_TARGET_MS);
    }

    /** The same with capabilities 1..3 (about twice the hash draws); for information. */
    public BenchFigure weightedAllocation() {
        return allocation(3, "allocation_10k_cells_100_nodes_capability_1_to_3_ms", Double.NaN);
    }

    private BenchFigure allocation(int maxCapability, String name, double target) {
        progress.accept("allocation: " + CELLS + " cells x " + NODES + " nodes, capability 1.." + maxCapability);
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            members.add(new Member(String.format(Locale.ROOT, "node-%03d", i), 1 + i % maxCapability));
        }
        MembershipView view = MembershipView.of(members);
        CoverageSet none = CoverageSet.empty("bench", 1, CELLS);
        int warmup = quick ? 10 : 40;
        int runs = quick ? 15 : 41;
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += Allocator.allocate("bench", 1, CELLS, view, none, Map.of()).cellCount();
        }
        double[] cpuMs = new double[runs];
        double[] wallMs = new double[runs];
        for (int i = 0; i < runs; i++) {
            long c0 = CPU.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Allocation a = Allocator.allocate("bench", 1, CELLS, view, none, Map.of());
            wallMs[i] = (System.nanoTime() - t0) / 1e6;
            cpuMs[i] = (CPU.getCurrentThreadCpuTime() - c0) / 1e6;
            sink += a.cellCount();
        }
        Arrays.sort(cpuMs);
        Arrays.sort(wallMs);
        double median = cpuMs[runs / 2];
        return new BenchFigure(name, median, target, true, String.format(Locale.ROOT,
                "median thread CPU time of %d runs after %d warm-up (min %.3f ms); wall median %.3f ms; checksum %d",
                runs, warmup, cpuMs[0], wallMs[runs / 2], sink));
    }

    /**
     * Simulated seconds per second of this process's CPU time (all threads: the agents run on their own
     * thread; wall time in the detail), 10 nodes running their agents, light faults. The simulation is
     * sequential, so on an idle machine wall time is at most the CPU time.
     */
    public BenchFigure simulatorSpeed() {
        return simulatorSpeed(ExecutionMode.COMPILED, true);
    }

    /** The coordination, vehicles and mesh alone (no agent runtime on the nodes); for information. */
    public BenchFigure simulatorSpeedWithoutAgents() {
        return simulatorSpeed(ExecutionMode.COMPILED, false);
    }

    public BenchFigure simulatorSpeed(ExecutionMode mode, boolean agents) {
        SimMission mission = SimMission.small().withTickPeriodMs(20).withMaxTicks(100_000);
        FaultSpec faults = FaultSpec.parse("loss=0.05,delay=2", 0);
        progress.accept("simulator: " + SIM_NODES + " nodes, 20 ms ticks, " + faults + (agents ? "" : ", no agents"));
        new FleetSimulator(config(mission, 1, faults, mode, agents), null).run();
        int runs = quick ? 1 : 3;
        double simulated = 0;
        double wall = 0;
        double cpu = 0;
        long ticks = 0;
        for (int seed = 2; seed < 2 + runs; seed++) {
            long c0 = PROCESS.getProcessCpuTime();
            long t0 = System.nanoTime();
            SimReport r = new FleetSimulator(config(mission, seed, faults, mode, agents), null).run();
            wall += (System.nanoTime() - t0) / 1e9;
            cpu += (PROCESS.getProcessCpuTime() - c0) / 1e9;
            simulated += r.simulatedSeconds();
            ticks += r.ticks();
            if (!r.passed()) {
                throw new IllegalStateException("benchmark run of seed " + seed + " failed: " + r.violations());
            }
        }
        double ratio = simulated / cpu;
        return new BenchFigure(agents ? "simulator_speed_10_nodes_x_real_time"
                : "simulator_speed_10_nodes_without_agents_x_real_time", ratio,
                agents ? SIM_SPEED_TARGET : Double.NaN, false,
                String.format(Locale.ROOT, "%d run(s), %d ticks of 20 ms, %.1f s simulated in %.2f s process CPU"
                        + " (%.2f s wall, %.0fx); %s", runs, ticks, simulated, cpu, wall, simulated / wall,
                        agents ? "each node runs the hello agent (" + mode.name().toLowerCase(Locale.ROOT) + ")"
                                : "no agent runtime"));
    }

    private static SimConfig config(SimMission mission, long seed, FaultSpec faults, ExecutionMode mode,
                                    boolean agents) {
        return new SimConfig(mission, SIM_NODES, seed, faults, agents, mode);
    }
}
