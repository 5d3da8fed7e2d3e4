package io.lockstep.cli.bench.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PercentileTest {

    @Test
    void percentilesOfAMillisecondHistogram() {
        long[] histogram = new long[1000];
        for (int ms = 1; ms <= 100; ms++) {
            histogram[ms] = 1;
        }
        assertEquals(50, BenchDashboardCommand.percentile(histogram, 0.50));
        assertEquals(99, BenchDashboardCommand.percentile(histogram, 0.99));
        assertEquals(100, BenchDashboardCommand.percentile(histogram, 1.0));
        assertTrue(Double.isNaN(BenchDashboardCommand.percentile(new long[10], 0.99)), "no samples, no figure");
    }
}
