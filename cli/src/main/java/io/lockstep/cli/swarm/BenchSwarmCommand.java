package io.lockstep.cli.swarm;

import io.lockstep.cli.bench.BenchEnvironment;
import io.lockstep.cli.bench.swarm.EstopFanOutBenchmark;
import io.lockstep.cli.bench.swarm.HazardPropagationBenchmark;
import io.lockstep.cli.bench.swarm.SwarmReallocationBenchmark;
import io.lockstep.cli.fleet.FleetSpec;
import io.lockstep.cli.fleet.LockstepHome;
import io.lockstep.cli.fleet.MeshEndpoints;
import io.lockstep.runtime.bench.BenchFigure;
import io.lockstep.swarm.sim.bench.SwarmBench;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lockstep bench swarm [--quick] [--fleet-nodes N] [--out DIR]}: allocation compute (10,000 cells x
 * 100 nodes), simulator speed (10 nodes), and with real node processes the reallocation time after a
 * SIGKILL and the gossip traffic, as a table and as DIR/swarm.json in the format of runtime.json.
 */
@Command(name = "swarm", mixinStandardHelpOptions = true,
        description = "Benchmark swarm allocation and the fleet simulator; writes DIR/swarm.json.")
public final class BenchSwarmCommand implements Callable<Integer> {

    private static final Logger PEER_LOG = Logger.getLogger("io.lockstep.swarm.peer.SwarmPeer");

    @Option(names = "--quick", description = "fewer repetitions")
    boolean quick;

    @Option(names = "--fleet-nodes", defaultValue = "10", paramLabel = "N",
            description = "node processes for the fleet figures (reallocation after SIGKILL, gossip traffic); "
                    + "0 skips them (default ${DEFAULT-VALUE}; each node is a JVM of up to 256 MiB)")
    int fleetNodes;

    @Option(names = "--fleet-only", description = "only the figures of real node processes (mesh latencies, "
            + "reallocation, gossip); skips allocation and simulator speed")
    boolean fleetOnly;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/bench",
            description = "directory for swarm.json (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        PEER_LOG.setLevel(Level.SEVERE);
        Files.createDirectories(out);
        if (fleetOnly && fleetNodes == 0) {
            throw new IllegalArgumentException("--fleet-only needs node processes: --fleet-nodes must not be 0");
        }
        List<BenchFigure> figures = new ArrayList<>();
        if (!fleetOnly) {
            figures.addAll(new SwarmBench(quick, System.out::println).run());
        }
        if (fleetNodes > 0) {
            figures.addAll(fleetFigures());
        }
        SwarmBenchReport report = new SwarmBenchReport(quick, figures, BenchEnvironment.describe());
        System.out.println();
        System.out.print(report.toTable());
        Path json = out.resolve("swarm.json");
        Files.writeString(json, report.toJson(), StandardCharsets.UTF_8);
        System.out.println("wrote " + json);
        return 0;
    }

    /** Real node processes on loopback: time to take over a SIGKILLed peer's cells, and gossip traffic. */
    private List<BenchFigure> fleetFigures() throws java.io.IOException {
        if (fleetNodes < 2 || fleetNodes > FleetSpec.MAX_NODES) {
            throw new IllegalArgumentException("--fleet-nodes must be 0 or 2.." + FleetSpec.MAX_NODES);
        }
        System.out.println("fleet: " + fleetNodes + " node processes on loopback");
        Path work = Files.createTempDirectory("lockstep-bench-swarm");
        SwarmReallocationBenchmark.Figures f = SwarmReallocationBenchmark.run(LockstepHome.detect(), work,
                fleetNodes, System.out);
        return List.of(
                new BenchFigure("reallocation_after_sigkill_" + f.nodes() + "_nodes_ms", f.reallocationMs(),
                        f.targetMs(), true, "wall time from SIGKILL of one of " + f.nodes() + " node processes to "
                        + "every survivor listing it as lost (its open cells are then theirs); target = lease "
                        + MeshEndpoints.LEASE_MILLIS + " ms + settle window " + MeshEndpoints.SETTLE_MILLIS
                        + " ms + 2 tick periods"),
                BenchFigure.informational("gossip_bytes_per_node_per_s_" + f.nodes() + "_nodes",
                        f.gossipBytesPerNodePerS(), "coverage and agreement-digest payload bytes each node put on "
                        + "the mesh per second, mean over the nodes, during a 5 s window of a shared survey"),
                BenchFigure.informational("hazard_propagation_p50_ms", f.hazardP50Ms(), "median time from a node's "
                        + "debug port publishing a hazard to a peer's supervisor holding it as a keep-out zone"),
                new BenchFigure("hazard_propagation_p99_ms", f.hazardP99Ms(), HazardPropagationBenchmark.TARGET_MS,
                        true, "p99 of the same over " + HazardPropagationBenchmark.HAZARDS + " hazards (after "
                        + HazardPropagationBenchmark.WARM_UP + " unmeasured) x " + (f.nodes() - 1)
                        + " peers, real node processes on loopback; " + f.hazardConditions()),
                BenchFigure.informational("hazard_propagation_transport_p99_ms", f.hazardTransportP99Ms(), "p99 of "
                        + "the part from the publish to the peer's mesh handing the message over (put, kernel, the "
                        + "peer's receive thread)"),
                BenchFigure.informational("hazard_propagation_send_p99_ms", f.hazardSendP99Ms(), "p99 of the first "
                        + "piece of that: the publisher's request thread from the publish call to having written "
                        + "the put"),
                BenchFigure.informational("hazard_propagation_intake_p99_ms", f.hazardIntakeP99Ms(), "p99 of the "
                        + "part from the peer's mesh handing it over to its keep-out zones (checks, board)"),
                BenchFigure.informational("hazard_propagation_intake_cpu_p99_ms", f.hazardIntakeCpuP99Ms(), "p99 of "
                        + "the CPU time the peer's receive thread spent on that part; the rest of its wall time "
                        + "was waiting for a core"),
                new BenchFigure("mesh_estop_fanout_ms", EstopFanOutBenchmark.FanOut.percentile(
                        f.estops().lastPeerMs(), 0.99), HazardPropagationBenchmark.TARGET_MS, true,
                        "p99 over " + EstopFanOutBenchmark.ROUNDS + " rounds (after " + EstopFanOutBenchmark.WARM_UP
                        + " unmeasured) of the time from one node putting its debug port's e-stop on the mesh to the "
                        + "last of " + f.estops().peers() + " peers latching it over the mesh, C2 not involved; p50 "
                        + fmt(EstopFanOutBenchmark.FanOut.percentile(f.estops().lastPeerMs(), 0.5))
                        + " ms, the first (cold) round " + fmt(f.estops().firstRoundMs()) + " ms; "
                        + f.estops().loadBefore() + " before, " + f.estops().loadAfter() + " after"),
                BenchFigure.informational("mesh_estop_handed_over_p99_ms", EstopFanOutBenchmark.FanOut.percentile(
                        f.estops().handedOverMs(), 0.99), "p99 over rounds x peers of the part from the broadcast "
                        + "to the peer's mesh handing the e-stop over (the origin's writes, kernel, the peer's "
                        + "receive thread)"),
                BenchFigure.informational("mesh_estop_latch_p99_ms", EstopFanOutBenchmark.FanOut.percentile(
                        f.estops().latchMs(), 0.99), "p99 over rounds x peers of the part from the peer's mesh "
                        + "handing the e-stop over to its supervisor latching (sender check, span, latch)"));
    }

    private static String fmt(double ms) {
        return String.format(java.util.Locale.ROOT, "%.2f", ms);
    }
}
