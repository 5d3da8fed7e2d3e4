package io.lockstep.cli.bench.node;

import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.safety.SafetyConfig;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.platform.safety.SupervisorDecision;
import io.lockstep.platform.sim.SimulatedVehicle;
import io.lockstep.platform.sim.SimulatedVehicleConfig;
import io.lockstep.platform.sim.World;
import io.lockstep.platform.vehicle.VehicleReadings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * In-process micro-benchmark of {@link SafetySupervisor#apply}: the time per actuator command through the
 * supervisor against a baseline that sends the same command straight to the same vehicle. Rounds of the two
 * alternate so that both see the same machine load; the median round of each is reported.
 *
 * <p>Every decision's velocity and override flag is folded into a result that is published through a volatile
 * field, so the JIT cannot drop the work as dead code.
 */
final class SupervisorOverheadBenchmark {
    /** Published so that the measured loops' results escape; never read for the figures. */
    static volatile double sink;

    private final CommandTrace trace;
    private final int iterationsPerRound;
    private final int warmupRounds;
    private final int rounds;

    SupervisorOverheadBenchmark(CommandTrace trace, int iterationsPerRound, int warmupRounds, int rounds) {
        if (iterationsPerRound < 1 || warmupRounds < 0 || rounds < 1) {
            throw new IllegalArgumentException("need iterations >= 1, warm-up rounds >= 0 and rounds >= 1");
        }
        this.trace = trace;
        this.iterationsPerRound = iterationsPerRound;
        this.warmupRounds = warmupRounds;
        this.rounds = rounds;
    }

    SupervisorOverhead run(World world, Consumer<String> progress) {
        SimulatedVehicle vehicle = new SimulatedVehicle(world, SimulatedVehicleConfig.defaults(11));
        SafetySupervisor supervisor = new SafetySupervisor(vehicle, SafetyConfig.defaults(), world.base());
        supervisor.setGeofence(trace.fence());
        progress.accept(String.format(Locale.ROOT, "  warming up (%d rounds of %,d commands each way; a rule acts on"
                + " %.1f %% of the trace's %d commands)", warmupRounds, iterationsPerRound,
                100 * trace.overriddenShare(), trace.length()));
        long tick = 0;
        for (int i = 0; i < warmupRounds; i++) {
            timeSupervised(supervisor, tick);
            tick += iterationsPerRound;
            timeStraight(vehicle);
        }
        List<Double> supervisedNs = new ArrayList<>();
        List<Double> straightNs = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            supervisedNs.add((double) timeSupervised(supervisor, tick) / iterationsPerRound);
            tick += iterationsPerRound;
            straightNs.add((double) timeStraight(vehicle) / iterationsPerRound);
        }
        progress.accept(String.format(Locale.ROOT, "  %d rounds: supervised %s ns, straight %s ns per command", rounds,
                format(supervisedNs), format(straightNs)));
        return new SupervisorOverhead(Samples.median(supervisedNs), Samples.median(straightNs),
                (long) iterationsPerRound * rounds, trace.length(), trace.overriddenShare());
    }

    private long timeSupervised(SafetySupervisor supervisor, long firstTick) {
        Vec2[] requested = trace.requested();
        VehicleReadings[] readings = trace.readings();
        int length = requested.length;
        double consumed = 0;
        long start = System.nanoTime();
        for (int i = 0; i < iterationsPerRound; i++) {
            int j = i % length;
            SupervisorDecision decision = supervisor.apply(firstTick + i, requested[j], readings[j],
                    CommandTrace.TICK_SECONDS);
            consumed += decision.velocity().x() + (decision.overridden() ? 1 : 0);
        }
        long elapsed = System.nanoTime() - start;
        sink = consumed;
        return elapsed;
    }

    /** The baseline: what the node would do without a supervisor, hand the agents' request to the vehicle. */
    private long timeStraight(SimulatedVehicle vehicle) {
        Vec2[] requested = trace.requested();
        int length = requested.length;
        double consumed = 0;
        long start = System.nanoTime();
        for (int i = 0; i < iterationsPerRound; i++) {
            Vec2 command = requested[i % length];
            vehicle.commandVelocity(command);
            consumed += command.x();
        }
        long elapsed = System.nanoTime() - start;
        sink = consumed + vehicle.state().commandedVelocity().y();
        return elapsed;
    }

    private static String format(List<Double> values) {
        StringBuilder out = new StringBuilder();
        for (double v : values) {
            out.append(out.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.0f", v));
        }
        return out.toString();
    }
}
