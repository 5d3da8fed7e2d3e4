package io.lockstep.cli.bench.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SamplesTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3.0, Samples.median(List.of(5, 1, 3)));
        assertEquals(2.5, Samples.median(List.of(4L, 1L, 2L, 3L)));
        assertEquals(7.0, Samples.median(List.of(7.0)));
    }

    @Test
    void meanAndMax() {
        assertEquals(2.0, Samples.mean(List.of(1.0, 2.0, 3.0)), 1e-12);
        assertEquals(3.5, Samples.max(List.of(1.0, 3.5, 2.0)));
    }

    @Test
    void noMeasurementsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Samples.median(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Samples.mean(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Samples.max(List.of()));
    }
}
