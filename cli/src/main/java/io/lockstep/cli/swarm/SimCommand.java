package io.lockstep.cli.swarm;

import io.lockstep.runtime.ExecutionMode;
import io.lockstep.swarm.sim.FaultSpec;
import io.lockstep.swarm.sim.FleetSimulator;
import io.lockstep.swarm.sim.SeedSweep;
import io.lockstep.swarm.sim.SimConfig;
import io.lockstep.swarm.sim.SimMission;
import io.lockstep.swarm.sim.SimMissionFile;
import io.lockstep.swarm.sim.SimReport;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lockstep sim}: the deterministic fleet simulator. One seed reproduces a run exactly; exit 0 when
 * every invariant holds, 1 naming the failing seed(s).
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Simulate a swarm on simulated time with seeded faults; writes DIR/sim-report.json.")
public final class SimCommand implements Callable<Integer> {

    /** Keeps the logger (and so its level) alive while the command runs. */
    private static final Logger PEER_LOG = Logger.getLogger("io.lockstep.swarm.peer.SwarmPeer");

    @Option(names = "--mission", paramLabel = "FILE",
            description = "mission file (JSON, see docs/swarm.md); default: the built-in small L-shaped field")
    Path mission;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "4", description = "fleet size (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--seeds", paramLabel = "K", defaultValue = "1",
            description = "run K seeds from S on (a sweep); failing seeds are printed with the command to reproduce")
    int seeds;

    @Option(names = "--faults", paramLabel = "SPEC", defaultValue = "random",
            description = "none, random (from the seed) or loss=P,delay=T,partitions=N,crashes=N,garbage=P"
                    + " (default ${DEFAULT-VALUE})")
    String faults;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "INTERPRETER",
            description = "agent execution mode: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    ExecutionMode mode;

    @Option(names = "--no-agents", description = "do not run the agent runtime on the nodes (faster)")
    boolean noAgents;

    @Option(names = "--max-ticks", paramLabel = "T", description = "tick limit (default: the mission's)")
    Integer maxTicks;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/sim",
            description = "directory for the JSON report(s) (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--verbose", description = "log every dropped peer message (many with garbage faults)")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintStream stdout = System.out;
        if (!verbose) {
            PEER_LOG.setLevel(Level.SEVERE);
        }
        if (seeds < 1 || seeds > 1_000_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seeds must be 1..1000000");
        }
        SimMission base = mission == null ? SimMission.small() : SimMissionFile.load(mission);
        SimMission m = maxTicks == null ? base : base.withMaxTicks(maxTicks);
        Files.createDirectories(out);
        if (seeds == 1) {
            return single(m, stdout);
        }
        long t0 = System.nanoTime();
        stdout.printf("sim: %d seeds from %d, %d nodes, faults %s, mission %s%n", seeds, seed, nodes, faults,
                m.missionId());
        List<SeedSweep.Outcome> all = SeedSweep.run(seed, seeds, s -> config(m, s), true, stdout);
        List<SeedSweep.Outcome> failed = all.stream().filter(o -> !o.passed()).toList();
        for (SeedSweep.Outcome o : failed) {
            Files.writeString(out.resolve("sim-seed-" + o.seed() + ".json"), o.report().toJson(), StandardCharsets.UTF_8);
        }
        stdout.printf(Locale.ROOT, "sim: %d of %d seeds passed (each run twice, reports identical) in %.1f s%n",
                all.size() - failed.size(), all.size(), (System.nanoTime() - t0) / 1e9);
        if (!failed.isEmpty()) {
            stdout.println("sim: failing seeds " + failed.stream().map(SeedSweep.Outcome::seed).toList()
                    + " (reports in " + out + ")");
            return 1;
        }
        return 0;
    }

    private SimConfig config(SimMission m, long s) {
        return new SimConfig(m, nodes, s, FaultSpec.parse(faults, s), !noAgents, mode);
    }

    private int single(SimMission m, PrintStream stdout) throws Exception {
        SimConfig config = config(m, seed);
        FleetSimulator simulator = new FleetSimulator(config, stdout);
        stdout.printf("sim: seed %d, %d nodes, mission %s (%d cells, %d ms ticks), faults %s%n", seed, nodes,
                m.missionId(), simulator.plan().size(), m.tickPeriodMs(), config.faults());
        long t0 = System.nanoTime();
        SimReport report = simulator.run();
        double wall = (System.nanoTime() - t0) / 1e9;
        Path file = out.resolve("sim-report.json");
        Files.writeString(file, report.toJson(), StandardCharsets.UTF_8);
        var j = report.json();
        stdout.printf(Locale.ROOT, "sim: %d ticks (%.1f s simulated in %.2f s, %.0fx real time); %d/%d cells covered,"
                        + " %d double-covered; reconverged %d ticks after the last fault (bound %d); %d divergence"
                        + " alerts; %d messages lost, %d bad ones dropped%n",
                report.ticks(), report.simulatedSeconds(), wall, report.simulatedSeconds() / wall,
                j.get("cellsCovered").asInt(), j.get("cells").asInt(), j.get("doubleCoveredCells").asInt(),
                j.get("reconvergenceTicks").asLong(), j.get("reconvergenceBoundTicks").asLong(),
                j.get("divergenceAlerts").asInt(), j.get("messages").get("lost").asLong(),
                j.get("dropped").get("MALFORMED").asLong() + j.get("dropped").get("FORGED_SENDER").asLong());
        stdout.println("sim: report " + file + " (sha256 " + report.digest() + ")");
        if (!report.passed()) {
            stdout.println("sim: FAIL seed " + seed + ": " + report.violations());
            stdout.printf("  reproduce: ./lockstep sim --seed %d --nodes %d --faults %s%s%n", seed, nodes,
                    config.faults(), mission == null ? "" : " --mission " + mission);
            return 1;
        }
        stdout.println("sim: PASS seed " + seed);
        return 0;
    }
}
