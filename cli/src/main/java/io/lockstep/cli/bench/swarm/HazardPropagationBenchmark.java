package io.lockstep.cli.bench.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.cli.fleet.EdgeNodeProcess;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Hazards and the fleet stop between real node processes on loopback (docs/hazards.md): the time from one node's
 * debug port publishing a hazard to each peer's supervisor having it as a keep-out zone, and from one node
 * latching an e-stop to the last peer latching it over the mesh. Both ends are stamped in microseconds by the
 * node processes themselves (same host clock), so the figure does not include the polling.
 */
public final class HazardPropagationBenchmark {

    /** Hazards published per run (measured), after {@link #WARM_UP} that are not. */
    public static final int HAZARDS = 60;
    /** Hazards published first and not measured: the first ones run through cold (interpreted) code. */
    public static final int WARM_UP = 10;
    public static final double TARGET_MS = 5.0;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * Latencies of every (hazard, peer) pair, milliseconds: publish to applied, and its two parts, publish to
     * the peer's mesh handing it over (transport: the put, the kernel, the peer's receive thread) and that to
     * its keep-out zones (intake: checks and the board).
     */
    record Propagation(List<Double> latenciesMs, List<Double> transportMs, List<Double> intakeMs) {
        double percentile(double p) {
            return percentile(latenciesMs, p);
        }

        static double percentile(List<Double> values, double p) {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            return sorted.get((int) Math.ceil(p * sorted.size()) - 1);
        }
    }

    private HazardPropagationBenchmark() {
    }

    static Propagation hazards(List<EdgeNodeProcess> nodes, PrintStream out) {
        EdgeNodeProcess publisher = nodes.get(0);
        List<EdgeNodeProcess> peers = nodes.subList(1, nodes.size());
        List<Double> latencies = new ArrayList<>();
        List<Double> transport = new ArrayList<>();
        List<Double> intake = new ArrayList<>();
        for (int i = 0; i < WARM_UP + HAZARDS; i++) {
            // Far outside the mission area, so no vehicle is slowed by the benchmark.
            JsonNode mark = publisher.debug().markHazard(5_000 + 10 * i, 5_000, 1.0, 60);
            int id = mark.path("hazardId").asInt();
            long published = mark.path("publishedAtMicros").asLong();
            for (EdgeNodeProcess peer : peers) {
                JsonNode applied = awaitApplied(peer, publisher.id(), id);
                if (i >= WARM_UP) {
                    long received = applied.path("receivedAtMicros").asLong();
                    long at = applied.path("appliedAtMicros").asLong();
                    latencies.add((at - published) / 1000.0);
                    transport.add((received - published) / 1000.0);
                    intake.add((at - received) / 1000.0);
                }
            }
        }
        Propagation p = new Propagation(latencies, transport, intake);
        out.printf("  hazard propagation: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d hazard x peer pairs, after %d "
                + "unmeasured); transport p50 %.2f / p99 %.2f ms, intake p50 %.3f / p99 %.3f ms%n", p.percentile(0.5),
                p.percentile(0.99), p.percentile(1.0), latencies.size(), WARM_UP * peers.size(),
                Propagation.percentile(transport, 0.5), Propagation.percentile(transport, 0.99),
                Propagation.percentile(intake, 0.5), Propagation.percentile(intake, 0.99));
        return p;
    }

    /** Milliseconds from the first node's debug port e-stop going on the mesh to the last peer latching it. */
    static double estopFanOut(List<EdgeNodeProcess> nodes, PrintStream out) {
        EdgeNodeProcess origin = nodes.get(0);
        origin.debug().engageEstop("bench: fleet stop fan-out");
        // The origin puts the stop on the mesh first, then latches (and persists) its own latch.
        long engaged = origin.debug().fleetStop().path("broadcastAtMicros").asLong();
        long last = engaged;
        for (EdgeNodeProcess peer : nodes.subList(1, nodes.size())) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            JsonNode stop = peer.debug().fleetStop();
            while (!stop.path("latched").asBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(peer.id() + " did not latch the fleet stop");
                }
                pause();
                stop = peer.debug().fleetStop();
            }
            last = Math.max(last, stop.path("latchedAtMicros").asLong());
        }
        double ms = (last - engaged) / 1000.0;
        out.printf("  mesh e-stop fan-out: %.2f ms to the last of %d peers%n", ms, nodes.size() - 1);
        return ms;
    }

    private static JsonNode awaitApplied(EdgeNodeProcess peer, String sender, int id) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            for (JsonNode h : peer.debug().hazards().path("live")) {
                if (sender.equals(h.path("sender").asText()) && h.path("hazardId").asInt() == id) {
                    return h;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(peer.id() + " never applied hazard " + sender + "/" + id);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
