package io.lockstep.cli.bench.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeapPeakTest {

    @Test
    void anUnansweredScrapeIsCountedAndDoesNotHideThePeak() {
        HeapPeak peak = new HeapPeak();
        peak.add(120.5);
        peak.add(Double.NaN);
        peak.add(230.0);
        peak.add(90.0);
        assertEquals(230.0, peak.mostMib());
        assertEquals("3 of 4 scrapes answered", peak.describe());
    }

    @Test
    void noAnswerAtAllLeavesNoPeak() {
        HeapPeak peak = new HeapPeak();
        peak.add(Double.NaN);
        assertTrue(Double.isNaN(peak.mostMib()));
        assertEquals("0 of 1 scrapes answered", peak.describe());
    }
}
