package io.lockstep.swarm.sim.rightofway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 200 seeds of each right-of-way scenario, each run twice: the minimum separation never falls below the safety
 * distance, nobody is deadlocked (every node finishes, dies as scripted, or raises a wait alert within the run's
 * bound), and the same seed gives the same digest. Without a partition the protocol alone keeps vehicles apart
 * (the range-sensor guard never acts), nobody raises an alert and everybody alive finishes.
 */
class RightOfWaySweepTest {

    static final int SEEDS = 200;

    @ParameterizedTest
    @EnumSource(RowScenario.class)
    void twoHundredSeeds(RowScenario scenario) {
        List<RowResult> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            RowResult first = new RightOfWaySimulator(scenario, seed).run();
            RowResult second = new RightOfWaySimulator(scenario, seed).run();
            results.add(first);
            if (!first.digest().equals(second.digest())) {
                failures.add("seed " + seed + ": digests differ");
            }
            if (!first.separationKept()) {
                failures.add(first.describe());
            }
            if (!first.deadlocked().isEmpty()) {
                failures.add("deadlock: " + first.describe());
            }
            if (scenario != RowScenario.PARTITION_CROSSING) {
                boolean clean = first.guardStops() == 0 && first.alerts().values().stream().allMatch(a -> a == 0)
                        && first.finishTicks().entrySet().stream().allMatch(e -> e.getValue() >= 0
                                || scenario == RowScenario.DEAD_CLAIM);
                if (!clean) {
                    failures.add("protocol did not keep them apart on its own: " + first.describe());
                }
            }
            if (scenario == RowScenario.DEAD_CLAIM && first.waitedForDeadClaim()
                    && first.survivorEnteredTick() < first.deadLeaseEndTick()) {
                failures.add("survivor entered before the dead node's lease ended: " + first.describe());
            }
        }
        assertEquals(List.of(), failures, scenario + " failures (reproduce: new RightOfWaySimulator(" + scenario
                + ", seed).run())");
        // the sweep really exercises what it claims to
        switch (scenario) {
            case HEAD_ON_CORRIDOR, FOUR_WAY_CROSSING -> assertTrue(count(results, r -> r.yields() > 0) > SEEDS / 2,
                    "yields happen");
            case DEAD_CLAIM -> assertTrue(count(results, RowResult::waitedForDeadClaim) > SEEDS / 4,
                    "the survivor waits on a dead claim in many seeds");
            case PARTITION_CROSSING -> assertTrue(count(results, r -> r.messagesLost() > 0) > SEEDS / 2,
                    "partitions cut messages");
        }
        double min = results.stream().mapToDouble(RowResult::minSeparationM).min().orElseThrow();
        System.out.printf("%s: %d seeds, min separation %.2f m, yields %d, retreats %d, guard stops %d, alerts %d%n",
                scenario, SEEDS, min, results.stream().mapToLong(RowResult::yields).sum(),
                results.stream().mapToLong(RowResult::retreats).sum(),
                results.stream().mapToLong(RowResult::guardStops).sum(),
                results.stream().mapToLong(r -> r.alerts().values().stream().mapToLong(Long::longValue).sum()).sum());
    }

    private static long count(List<RowResult> results, Predicate<RowResult> p) {
        return results.stream().filter(p).count();
    }
}
