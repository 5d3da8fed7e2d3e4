package io.lockstep.cli.bench.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.cli.bench.BenchEnvironment;
import io.lockstep.cli.fleet.EdgeNodeProcess;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Hazards between real node processes on loopback (docs/hazards.md): the time from one node's debug port
 * publishing a hazard to each peer's supervisor having it as a keep-out zone ({@link EstopFanOutBenchmark} measures
 * the fleet stop). Both ends are stamped in microseconds by the
 * node processes themselves (same host clock), so the figure does not include the bench's requests. The bench
 * waits for each hazard with one request per peer that the peer answers once it has applied it, so the peers are
 * not polled while hazards travel.
 */
public final class HazardPropagationBenchmark {

    /** Hazards published per run (measured), after {@link #WARM_UP} that are not. */
    public static final int HAZARDS = 200;
    /**
     * Hazards published first and not measured: the path runs interpreted until the JIT has compiled it, which
     * takes a few hundred calls.
     */
    public static final int WARM_UP = 200;
    public static final double TARGET_MS = 5.0;
    /** Short enough that the bench's hazards leave the boards soon, long enough never to expire on the way. */
    private static final double TTL_S = 10;
    private static final long WAIT_MS = 10_000;

    /**
     * One (hazard, peer) pair, stamped by the nodes (Unix µs, one host clock): the publisher's request starting
     * the publish and having written it, the peer's mesh handing it over and its keep-out zones holding it; and
     * the CPU time (µs) of the publisher's request thread over the publish and of the peer's receive thread over
     * its intake (-1 when a backlog went through the peer's worker thread).
     */
    record Pair(long published, long sent, long received, long applied, long publishCpu, long intakeCpu) {
        static final ToDoubleFunction<Pair> TOTAL = p -> (p.applied - p.published) / 1000.0;
        /** Publish call to written (encode, the put, this thread's own socket writes). */
        static final ToDoubleFunction<Pair> SEND = p -> (p.sent - p.published) / 1000.0;
        /** Written to the peer's mesh handing it over: the kernel, waking the peer's receive thread, decoding. */
        static final ToDoubleFunction<Pair> WIRE = p -> (p.received - p.sent) / 1000.0;
        /** Publish call to the peer's mesh handing it over: {@link #SEND} and {@link #WIRE}. */
        static final ToDoubleFunction<Pair> TRANSPORT = p -> (p.received - p.published) / 1000.0;
        /** Handed over to applied: the checks and the board, on the peer's receive thread. */
        static final ToDoubleFunction<Pair> INTAKE = p -> (p.applied - p.received) / 1000.0;
        static final ToDoubleFunction<Pair> PUBLISH_CPU = p -> p.publishCpu / 1000.0;
        static final ToDoubleFunction<Pair> INTAKE_CPU = p -> p.intakeCpu / 1000.0;
    }

    /**
     * Every measured pair, the machine's load before and after, and the CPU time the node processes used during
     * the run against its wall time.
     */
    record Propagation(List<Pair> pairs, String loadBefore, String loadAfter, double nodeCpuS, double wallS) {
        Propagation {
            pairs = List.copyOf(pairs);
        }

        double percentile(double p) {
            return percentile(Pair.TOTAL, p);
        }

        /** The p-quantile (nearest rank) of one stage, over the pairs where it was measured (not negative). */
        double percentile(ToDoubleFunction<Pair> stage, double p) {
            List<Double> sorted = new ArrayList<>();
            for (Pair pair : pairs) {
                double v = stage.applyAsDouble(pair);
                if (v >= 0) {
                    sorted.add(v);
                }
            }
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            Collections.sort(sorted);
            return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
        }

        String describe(String what, ToDoubleFunction<Pair> stage) {
            return String.format(Locale.ROOT, "%s p50 %.3f / p99 %.3f ms", what, percentile(stage, 0.5),
                    percentile(stage, 0.99));
        }
    }

    private HazardPropagationBenchmark() {
    }

    static Propagation hazards(List<EdgeNodeProcess> nodes, PrintStream out) {
        EdgeNodeProcess publisher = nodes.get(0);
        List<EdgeNodeProcess> peers = nodes.subList(1, nodes.size());
        String loadBefore = BenchEnvironment.load();
        double cpuBefore = cpuSeconds(nodes);
        long start = System.nanoTime();
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < WARM_UP + HAZARDS; i++) {
            // Far outside the mission area, so no vehicle is slowed by the benchmark.
            JsonNode mark = publisher.debug().markHazard(5_000 + 10 * (i % 100), 5_000 + 10 * (i / 100), 1.0, TTL_S);
            int id = mark.path("hazardId").asInt();
            for (EdgeNodeProcess peer : peers) {
                JsonNode applied = peer.debug().awaitHazard(publisher.id(), id, WAIT_MS);
                if (i >= WARM_UP) {
                    pairs.add(new Pair(mark.path("publishedAtMicros").asLong(), mark.path("sentAtMicros").asLong(),
                            applied.path("receivedAtMicros").asLong(), applied.path("appliedAtMicros").asLong(),
                            mark.path("publishCpuMicros").asLong(), applied.path("intakeCpuMicros").asLong()));
                }
            }
        }
        double wallS = (System.nanoTime() - start) / 1e9;
        Propagation p = new Propagation(pairs, loadBefore, BenchEnvironment.load(), cpuSeconds(nodes) - cpuBefore,
                wallS);
        out.printf(Locale.ROOT, "  hazard propagation: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d hazard x peer pairs, "
                + "after %d unmeasured); %s at the start, %s at the end; the %d node processes used %.2f cores over "
                + "%.1f s%n", p.percentile(0.5), p.percentile(0.99), p.percentile(1.0), pairs.size(),
                WARM_UP * peers.size(), loadBefore, p.loadAfter(), nodes.size(), p.nodeCpuS() / wallS, wallS);
        out.println("    " + p.describe("publish call to written", Pair.SEND) + " (" + p.describe("CPU",
                Pair.PUBLISH_CPU) + "); " + p.describe("written to the peer's mesh handing it over", Pair.WIRE));
        out.println("    " + p.describe("transport (publish call to handed over)", Pair.TRANSPORT) + "; "
                + p.describe("intake (handed over to applied)", Pair.INTAKE) + " (" + p.describe("CPU",
                Pair.INTAKE_CPU) + ")");
        return p;
    }

    /** CPU time the node processes have used so far, seconds (0 for one whose figure the OS does not give). */
    private static double cpuSeconds(List<EdgeNodeProcess> nodes) {
        double total = 0;
        for (EdgeNodeProcess node : nodes) {
            total += ProcessHandle.of(node.process().pid()).flatMap(h -> h.info().totalCpuDuration())
                    .map(d -> d.toNanos() / 1e9).orElse(0.0);
        }
        return total;
    }
}
