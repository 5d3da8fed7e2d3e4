package io.lockstep.swarm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CI sweep: 200 seeds of the small mission with random faults (loss, delay and reordering, partitions,
 * crashes and restarts, forged and malformed messages) and 2 to 6 nodes. Each run checks that every cell is
 * covered, no completed cell is lost, ownership reconverges within the bound after the last fault and no
 * divergence alert is left standing; every 10th seed also runs twice and must give the identical report.
 * A failure prints the seed and the command that reproduces it.
 */
class SeedSweepTest {

    static final int SEEDS = 200;

    @BeforeAll
    static void quiet() {
        QuietPeers.apply();
    }

    static SimConfig configFor(long seed) {
        return SimConfig.of(SimMission.small(), 2 + (int) (seed % 5), seed, FaultSpec.random(seed));
    }

    @Test
    void twoHundredSeedsWithRandomFaultsKeepEveryInvariant() {
        List<SeedSweep.Outcome> all = SeedSweep.run(1, SEEDS, SeedSweepTest::configFor, false, System.out);
        assertEquals(List.of(), all.stream().filter(o -> !o.passed()).map(SeedSweep.Outcome::seed).toList(),
                "failing seeds");
        // the sweep really exercises every fault class and sees their costs
        assertTrue(count(all, o -> !o.report().json().get("faults").get("partitions").isEmpty()) > 20);
        assertTrue(count(all, o -> o.report().json().get("faults").get("crashes").findValues("restartAt").stream()
                .anyMatch(r -> r.asLong() < 0)) > 5, "permanent crashes");
        assertTrue(count(all, o -> o.report().json().get("faults").get("crashes").findValues("restartAt").stream()
                .anyMatch(r -> r.asLong() > 0)) > 5, "crash and restart");
        assertTrue(count(all, o -> o.report().json().get("messages").get("lost").asLong() > 0) > 50, "message loss");
        assertTrue(count(all, o -> o.report().json().get("dropped").get("MALFORMED").asLong() > 0) > 20, "bad input");
        assertTrue(count(all, o -> o.report().json().get("doubleCoveredCells").asInt() > 0) > 0, "double coverage");
        assertTrue(count(all, o -> o.report().json().get("reconvergenceTicks").asLong() > 1) > 0, "reconvergence");
    }

    private static long count(List<SeedSweep.Outcome> all, java.util.function.Predicate<SeedSweep.Outcome> p) {
        return all.stream().filter(p).count();
    }

    @Test
    void sameSeedGivesTheSameReport() {
        for (long seed = 7; seed <= SEEDS; seed += 10) {
            SimReport a = new FleetSimulator(configFor(seed), null).run();
            SimReport b = new FleetSimulator(configFor(seed), null).run();
            assertEquals(a.toJson(), b.toJson(), "seed " + seed);
        }
    }
}
