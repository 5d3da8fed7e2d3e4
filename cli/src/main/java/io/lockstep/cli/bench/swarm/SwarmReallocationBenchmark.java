package io.lockstep.cli.bench.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.agents.ExampleAgents;
import io.lockstep.cli.demo.DemoMission;
import io.lockstep.cli.fleet.C2Api;
import io.lockstep.cli.fleet.EdgeNodeProcess;
import io.lockstep.cli.fleet.Fleet;
import io.lockstep.cli.fleet.FleetSpec;
import io.lockstep.cli.fleet.LockstepHome;
import io.lockstep.cli.fleet.MeshEndpoints;
import io.lockstep.platform.model.HazardModel;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Real node processes on loopback share a large survey (so that nobody finishes during the measurement):
 * measures each node's gossip traffic (coverage and digest bytes it puts per second), hazard propagation and the
 * fleet stop's fan-out (every node up, so the stop reaches all the others), then kills one node
 * with SIGKILL and measures the time until every survivor has taken over its cells (lists it as lost,
 * which is when the allocation hands its open cells to the survivors).
 */
public final class SwarmReallocationBenchmark {

    /** What one run measured. */
    public record Figures(int nodes, double reallocationMs, double targetMs, double gossipBytesPerNodePerS,
            HazardPropagationBenchmark.Propagation hazards, EstopFanOutBenchmark.FanOut estops) {
        public double hazardP50Ms() {
            return hazards.percentile(0.5);
        }

        public double hazardP99Ms() {
            return hazards.percentile(0.99);
        }

        public double hazardTransportP99Ms() {
            return hazards.percentile(HazardPropagationBenchmark.Pair.TRANSPORT, 0.99);
        }

        public double hazardIntakeP99Ms() {
            return hazards.percentile(HazardPropagationBenchmark.Pair.INTAKE, 0.99);
        }

        public double hazardSendP99Ms() {
            return hazards.percentile(HazardPropagationBenchmark.Pair.SEND, 0.99);
        }

        public double hazardIntakeCpuP99Ms() {
            return hazards.percentile(HazardPropagationBenchmark.Pair.INTAKE_CPU, 0.99);
        }

        /** The machine's load before and after the hazard run, and the cores the node processes used during it. */
        public String hazardConditions() {
            return String.format(java.util.Locale.ROOT, "%s before, %s after; the node processes used %.2f cores",
                    hazards.loadBefore(), hazards.loadAfter(), hazards.nodeCpuS() / hazards.wallS());
        }
    }

    private static final double FIELD_M = 400;
    private static final Duration GOSSIP_WINDOW = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private SwarmReallocationBenchmark() {
    }

    public static Figures run(LockstepHome home, Path work, int nodeCount, PrintStream out) {
        // The approval gate is off: this measures the mesh, and C2's simulation cannot cover this large field's
        // sliver cells within its tick budget (docs/mission-approval.md), which would stop the run before it starts.
        try (Fleet fleet = Fleet.start(home, new FleetSpec(work, nodeCount, home.demoWorld(), false), out,
                List.of("-Dlockstep.c2.approval.enabled=false"))) {
            C2Api c2 = fleet.c2().api();
            String mission = c2.createMission(DemoMission.json(FIELD_M, FIELD_M / 2,
                    c2.uploadModule(ExampleAgents.bytes("survey")), c2.uploadModule(ExampleAgents.bytes("hazard-scout")),
                    c2.uploadModel(HazardModel.bytes())));
            c2.dispatch(mission, fleet.nodeIds());
            List<EdgeNodeProcess> nodes = fleet.nodes();
            await("every node shares the cells with all " + nodeCount, () -> nodes.stream()
                    .allMatch(n -> n.debug().status().path("swarm").path("members").size() == nodeCount));
            double gossip = gossipBytesPerNodePerS(nodes);
            out.printf("  gossip: %.0f B/s per node%n", gossip);
            HazardPropagationBenchmark.Propagation hazards = HazardPropagationBenchmark.hazards(nodes, out);
            // Before the SIGKILL, so that the stop reaches every other node (with 3 nodes, 2 peers rather than 1).
            EstopFanOutBenchmark.FanOut fanOut = EstopFanOutBenchmark.run(nodes, out);
            EdgeNodeProcess victim = nodes.get(nodes.size() - 1);
            List<EdgeNodeProcess> survivors = nodes.subList(0, nodes.size() - 1);
            long killedAtMillis = System.currentTimeMillis();
            long killed = System.nanoTime();
            victim.process().kill();
            // Each survivor stamps when it found the victim lost and took over its cells (Unix ms, this host's clock),
            // so the figure does not depend on how often the bench asks; it asks every 50 ms to load the nodes less.
            long[] lostAt = new long[survivors.size()];
            await("every survivor took over " + victim.id() + "'s cells", () -> {
                for (int i = 0; i < lostAt.length; i++) {
                    if (lostAt[i] == 0) {
                        lostAt[i] = lostAtMillis(survivors.get(i).debug().status(), victim.id());
                    }
                    if (lostAt[i] == 0) {
                        return false;
                    }
                }
                return true;
            });
            double seenMs = (System.nanoTime() - killed) / 1e6;
            double reallocationMs = java.util.Arrays.stream(lostAt).max().orElseThrow() - killedAtMillis;
            out.printf("  reallocation after SIGKILL: %.0f ms (the last survivor's own stamp; the bench saw all of them "
                    + "after %.0f ms)%n", reallocationMs, seenMs);
            return new Figures(nodeCount, reallocationMs, targetMs(), gossip, hazards, fanOut);
        }
    }

    /** lease + settle window + 2 tick periods, with the fleet's settings. */
    static double targetMs() {
        return MeshEndpoints.LEASE_MILLIS + MeshEndpoints.SETTLE_MILLIS + 2.0 * DemoMission.TICK_PERIOD_MS;
    }

    /** When {@code status}'s node found {@code node} lost (Unix ms), 0 while it has not. */
    private static long lostAtMillis(JsonNode status, String node) {
        return status.path("swarm").path("lostAtMillis").path(node).asLong(0);
    }

    private static double gossipBytesPerNodePerS(List<EdgeNodeProcess> nodes) {
        long[] before = new long[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            before[i] = nodes.get(i).debug().metrics().path("swarm.sent_bytes").asLong();
        }
        long start = System.nanoTime();
        long deadline = start + GOSSIP_WINDOW.toNanos();
        while (System.nanoTime() < deadline) {
            pause();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long total = 0;
        for (int i = 0; i < nodes.size(); i++) {
            total += nodes.get(i).debug().metrics().path("swarm.sent_bytes").asLong() - before[i];
        }
        return total / seconds / nodes.size();
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            pause();
        }
    }

    /** Between two looks at the nodes: the figures come from the nodes' own stamps, not from when the bench looked. */
    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
