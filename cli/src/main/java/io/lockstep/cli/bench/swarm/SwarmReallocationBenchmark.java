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
 * measures each node's gossip traffic (coverage and digest bytes it puts per second), then kills one node
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
            EdgeNodeProcess victim = nodes.get(nodes.size() - 1);
            List<EdgeNodeProcess> survivors = nodes.subList(0, nodes.size() - 1);
            long killed = System.nanoTime();
            victim.process().kill();
            await("every survivor took over " + victim.id() + "'s cells", () -> survivors.stream()
                    .allMatch(n -> lost(n.debug().status(), victim.id())));
            double reallocationMs = (System.nanoTime() - killed) / 1e6;
            out.printf("  reallocation after SIGKILL: %.0f ms%n", reallocationMs);
            EstopFanOutBenchmark.FanOut fanOut = EstopFanOutBenchmark.run(survivors, out);
            return new Figures(nodeCount, reallocationMs, targetMs(), gossip, hazards, fanOut);
        }
    }

    /** lease + settle window + 2 tick periods, with the fleet's settings. */
    static double targetMs() {
        return MeshEndpoints.LEASE_MILLIS + MeshEndpoints.SETTLE_MILLIS + 2.0 * DemoMission.TICK_PERIOD_MS;
    }

    private static boolean lost(JsonNode status, String node) {
        for (JsonNode lost : status.path("swarm").path("lost")) {
            if (node.equals(lost.asText())) {
                return true;
            }
        }
        return false;
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

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
