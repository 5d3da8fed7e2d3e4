package io.lockstep.c2.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lockstep.c2.approval.PredictedPoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanDepartureTest {

    /** node-1 is planned east along y = 0 at 1 m per 10 ticks: x = tick / 10 from tick 0 to tick 1000. */
    private static final List<PredictedPoint> EAST = List.of(new PredictedPoint(0, 0, 0), new PredictedPoint(500, 50, 0),
            new PredictedPoint(1000, 100, 0));

    private static PlanDeparture plan() {
        return new PlanDeparture(Map.of("node-1", EAST), Map.of("node-1", "node-1"), 25, 100);
    }

    @Test
    void thePredictedPositionIsInterpolatedAndClampedToThePathsEnds() {
        assertThat(PlanDeparture.predictedAt(EAST, 250)).containsExactly(25.0, 0.0);
        assertThat(PlanDeparture.predictedAt(EAST, 750)).containsExactly(75.0, 0.0);
        assertThat(PlanDeparture.predictedAt(EAST, -5)).containsExactly(0.0, 0.0);
        assertThat(PlanDeparture.predictedAt(EAST, 5_000)).containsExactly(100.0, 0.0);
    }

    @Test
    void aNodeOnItsPlanIsNeverReported() {
        PlanDeparture plan = plan();
        for (long tick = 0; tick <= 2_000; tick += 10) {
            // 20 m beside the plan: within the 25 m threshold
            assertThat(plan.sample("node-1", tick, Math.min(tick, 1000) / 10.0, 20)).isEmpty();
        }
    }

    @Test
    void aSustainedDepartureIsReportedOnceWithTheTickWhereItBegan() {
        PlanDeparture plan = plan();
        for (long tick = 0; tick < 300; tick += 10) {
            assertThat(plan.sample("node-1", tick, tick / 10.0, 0)).isEmpty();
        }
        // from tick 300 the node stands still at x = 30 while its plan goes on east
        Optional<PlanDeparture.Departure> first = Optional.empty();
        long reportedAt = -1;
        for (long tick = 300; tick <= 900; tick += 10) {
            Optional<PlanDeparture.Departure> d = plan.sample("node-1", tick, 30, 0);
            if (d.isPresent()) {
                assertThat(first).as("reported once per departure").isEmpty();
                first = d;
                reportedAt = tick;
            }
        }
        // off by more than 25 m once the plan is past x = 55, at tick 560; reported 100 ticks later
        assertThat(first).isPresent();
        assertThat(first.get().beganTick()).isEqualTo(560);
        assertThat(reportedAt).isEqualTo(660);
        assertThat(first.get().tick()).isEqualTo(660);
        assertThat(first.get().offM()).isCloseTo(36.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(first.get().predictedXM()).isCloseTo(66.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(first.get().plannedAs()).isEqualTo("node-1");
    }

    @Test
    void aShortExcursionIsNotADepartureAndAReturnStartsANewEpisode() {
        PlanDeparture plan = plan();
        // 50 ticks off (less than the 100 sustained ticks), then back on the plan
        for (long tick = 0; tick < 50; tick += 10) {
            assertThat(plan.sample("node-1", tick, tick / 10.0, 40)).isEmpty();
        }
        assertThat(plan.sample("node-1", 50, 5, 0)).isEmpty();
        // off again from tick 100 on: the departure begins at 100, not at 0
        Optional<PlanDeparture.Departure> d = Optional.empty();
        for (long tick = 100; tick <= 200 && d.isEmpty(); tick += 10) {
            d = plan.sample("node-1", tick, tick / 10.0, 40);
        }
        assertThat(d).isPresent();
        assertThat(d.get().beganTick()).isEqualTo(100);
        // back on the plan, then off again: reported again
        assertThat(plan.sample("node-1", 300, 30, 0)).isEmpty();
        Optional<PlanDeparture.Departure> again = Optional.empty();
        for (long tick = 400; tick <= 500 && again.isEmpty(); tick += 10) {
            again = plan.sample("node-1", tick, tick / 10.0, -40);
        }
        assertThat(again).isPresent();
        assertThat(again.get().beganTick()).isEqualTo(400);
    }

    @Test
    void staleRedeliveredAndUnplannedSamplesAreIgnored() {
        PlanDeparture plan = plan();
        assertThat(plan.sample("node-9", 10, 500, 500)).isEmpty();
        assertThat(plan.follows("node-9")).isFalse();
        for (long tick = 0; tick <= 200; tick += 10) {
            plan.sample("node-1", tick, 500, 500);
        }
        // a redelivered old sample does not restart or re-report anything
        assertThat(plan.sample("node-1", 100, 500, 500)).isEmpty();
        assertThat(plan.sample("node-1", 210, Double.NaN, 0)).isEmpty();
    }

    @Test
    void aBadThresholdIsRefused() {
        assertThatThrownBy(() -> new PlanDeparture(Map.of(), Map.of(), 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
