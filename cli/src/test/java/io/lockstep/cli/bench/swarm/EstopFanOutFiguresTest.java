package io.lockstep.cli.bench.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.cli.bench.swarm.EstopFanOutBenchmark.FanOut;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fleet-stop figures of {@code bench swarm}: nearest-rank percentiles over the measured rounds. */
class EstopFanOutFiguresTest {

    @Test
    void percentilesAreNearestRankOverTheRoundsInAnyOrder() {
        List<Double> rounds = new ArrayList<>();
        for (int i = 20; i >= 1; i--) {
            rounds.add((double) i);
        }
        FanOut f = new FanOut(8, rounds, List.of(), List.of(), 4.0, "load 1", "load 2");
        assertEquals(10.0, FanOut.percentile(f.lastPeerMs(), 0.5));
        assertEquals(20.0, FanOut.percentile(f.lastPeerMs(), 0.99), "over 20 rounds the p99 is the slowest round");
        assertEquals(19.0, FanOut.percentile(f.lastPeerMs(), 0.95));
        List<Double> hundred = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            hundred.add((double) i);
        }
        assertEquals(99.0, FanOut.percentile(hundred, 0.99), "over 100 rounds it is the second slowest");
        assertTrue(Double.isNaN(FanOut.percentile(f.handedOverMs(), 0.99)), "no pairs, no figure");
    }
}
