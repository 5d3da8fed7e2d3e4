package io.lockstep.cli.bench.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.cli.bench.BenchEnvironment;
import io.lockstep.cli.fleet.EdgeNodeProcess;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The fleet stop between real node processes on loopback (docs/hazards.md): rounds of one node's debug-port e-stop
 * going on the mesh, every peer latching it, the mesh falling quiet (every relay delivered) and every latch being
 * released at the vehicles, so that the figure is a percentile over rounds rather than one sample. Each peer stamps
 * when its mesh handed over the e-stop that latched it and when its supervisor latched (Unix µs, one host clock).
 */
public final class EstopFanOutBenchmark {
    /**
     * Rounds measured, after {@link #WARM_UP} that are not (the first runs the path interpreted): 100, so that the
     * nearest-rank p99 is the second slowest round rather than the slowest.
     */
    public static final int ROUNDS = 100;
    public static final int WARM_UP = 5;
    /** The slowest rounds printed with their last peer and stages, to tell a slow node from a slow stage. */
    private static final int SLOWEST_SHOWN = 3;
    /** How long a node is asked to wait for a latch or the relays (its debug port's most, under the client's 20 s). */
    private static final long WAIT_MS = 15_000;

    /**
     * Per measured round the time to the last peer's latch; per (round, peer) the time from the broadcast to the
     * peer's mesh handing it over and from that to its supervisor's latch; the first round's figure (cold path).
     */
    public record FanOut(int peers, List<Double> lastPeerMs, List<Double> handedOverMs, List<Double> latchMs,
            double firstRoundMs, String loadBefore, String loadAfter) {
        public FanOut {
            lastPeerMs = List.copyOf(lastPeerMs);
            handedOverMs = List.copyOf(handedOverMs);
            latchMs = List.copyOf(latchMs);
        }

        /** The p-quantile (nearest rank) of {@code values}. */
        public static double percentile(List<Double> values, double p) {
            if (values.isEmpty()) {
                return Double.NaN;
            }
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
        }
    }

    private EstopFanOutBenchmark() {
    }

    /** {@code nodes.get(0)} engages; the others are its peers. Leaves every latch released. */
    static FanOut run(List<EdgeNodeProcess> nodes, PrintStream out) {
        String loadBefore = BenchEnvironment.load();
        EdgeNodeProcess origin = nodes.get(0);
        List<EdgeNodeProcess> peers = nodes.subList(1, nodes.size());
        List<Double> last = new ArrayList<>();
        List<Double> handedOver = new ArrayList<>();
        List<Double> latch = new ArrayList<>();
        double first = Double.NaN;
        int discarded = 0;
        List<SlowRound> rounds = new ArrayList<>();
        for (int round = 0; last.size() < ROUNDS; round++) {
            releaseAll(nodes);
            long[] receivedBefore = received(nodes);
            origin.debug().engageEstop("bench: fleet stop fan-out, round " + round);
            // The origin puts the stop on the mesh first, then latches (and persists) its own latch.
            long engaged = origin.debug().fleetStop().path("broadcastAtMicros").asLong();
            long lastLatch = engaged;
            List<Double> roundHandedOver = new ArrayList<>();
            List<Double> roundLatch = new ArrayList<>();
            boolean valid = true;
            SlowRound slowest = null;
            for (EdgeNodeProcess peer : peers) {
                JsonNode stop = awaitLatched(peer, engaged);
                if (stop == null) {
                    valid = false;
                    continue;
                }
                long receivedAt = stop.path("receivedAtMicros").asLong();
                long latchedAt = stop.path("latchedAtMicros").asLong();
                if (latchedAt > lastLatch) {
                    lastLatch = latchedAt;
                    slowest = new SlowRound(round, engaged, peer.id(), (latchedAt - engaged) / 1000.0,
                            (receivedAt - engaged) / 1000.0, (latchedAt - receivedAt) / 1000.0);
                }
                roundHandedOver.add((receivedAt - engaged) / 1000.0);
                roundLatch.add((latchedAt - receivedAt) / 1000.0);
            }
            double ms = (lastLatch - engaged) / 1000.0;
            if (round == 0) {
                first = ms;
            }
            if (!valid) {
                if (++discarded > ROUNDS) {
                    throw new IllegalStateException("too many rounds found a peer latched before the round began");
                }
            } else if (round >= WARM_UP) {
                last.add(ms);
                if (slowest != null) {
                    rounds.add(slowest);
                }
                handedOver.addAll(roundHandedOver);
                latch.addAll(roundLatch);
            }
            awaitRelaysDelivered(nodes, receivedBefore);
        }
        releaseAll(nodes);
        FanOut f = new FanOut(peers.size(), last, handedOver, latch, first, loadBefore, BenchEnvironment.load());
        out.printf(Locale.ROOT, "  mesh e-stop fan-out to the last of %d peers: p50 %.2f / p99 %.2f ms over %d rounds "
                + "(after %d unmeasured, %d voided; the first, cold: %.2f ms); broadcast to a peer's mesh handing it over p50 "
                + "%.2f / p99 %.2f ms, handed over to latched p50 %.2f / p99 %.2f ms; %s before, %s after%n",
                peers.size(), FanOut.percentile(last, 0.5), FanOut.percentile(last, 0.99), ROUNDS, WARM_UP, discarded, first,
                FanOut.percentile(handedOver, 0.5), FanOut.percentile(handedOver, 0.99),
                FanOut.percentile(latch, 0.5), FanOut.percentile(latch, 0.99), loadBefore, f.loadAfter());
        rounds.sort((a, b) -> Double.compare(b.ms(), a.ms()));
        for (SlowRound r : rounds.subList(0, Math.min(SLOWEST_SHOWN, rounds.size()))) {
            out.printf(Locale.ROOT, "    slow round %d (engaged at %d µs): %.2f ms to %s, handed over after %.2f ms, "
                    + "latched %.2f ms later%n", r.round(), r.engagedMicros(), r.ms(), r.peer(), r.handedOverMs(),
                    r.latchMs());
        }
        return f;
    }

    /** A measured round's last peer to latch, for the slowest rounds' lines (whose stage and which node held it). */
    private record SlowRound(int round, long engagedMicros, String peer, double ms, double handedOverMs,
            double latchMs) {
    }

    /**
     * Asks {@code peer} once to answer when it latched an e-stop it was handed after {@code engaged} (the peer waits, so
     * nobody polls it while the stop travels); null when it was latched already before (a previous round's late relay
     * re-latched it after the release), which voids the round.
     */
    private static JsonNode awaitLatched(EdgeNodeProcess peer, long engaged) {
        JsonNode stop = peer.debug().awaitFleetStop(engaged, 0, WAIT_MS);
        if (!stop.path("latched").asBoolean()) {
            throw new IllegalStateException(peer.id() + " did not latch the fleet stop within " + WAIT_MS + " ms: " + stop);
        }
        if (stop.path("latchedAtMicros").asLong() < engaged || stop.path("receivedAtMicros").asLong() < engaged) {
            System.out.println("  voided: " + peer.id() + " engaged at " + engaged + ": " + stop);
            return null;
        }
        return stop;
    }

    /**
     * Every peer relays the stop once to all the others, so each node receives at least one e-stop from each of
     * the others; once it has, no relay of this round is still travelling to re-latch a node after the release.
     */
    private static void awaitRelaysDelivered(List<EdgeNodeProcess> nodes, long[] before) {
        for (int i = 0; i < nodes.size(); i++) {
            long expected = before[i] + nodes.size() - 1;
            JsonNode stop = nodes.get(i).debug().awaitFleetStop(-1, expected, WAIT_MS);
            if (stop.path("meshEstopsReceived").asLong() < expected) {
                throw new IllegalStateException(nodes.get(i).id() + " did not receive every peer's relay: " + stop);
            }
        }
    }

    private static long[] received(List<EdgeNodeProcess> nodes) {
        long[] n = new long[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            n[i] = nodes.get(i).debug().fleetStop().path("meshEstopsReceived").asLong();
        }
        return n;
    }

    private static void releaseAll(List<EdgeNodeProcess> nodes) {
        for (EdgeNodeProcess node : nodes) {
            if (node.debug().fleetStop().path("latched").asBoolean()) {
                node.debug().releaseEstop();
            }
        }
    }
}
