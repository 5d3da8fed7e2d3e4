package io.lockstep.platform.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HazardFeaturesTest {

    @Test
    void takesTheNearestRangePerSectorNormalisedAndClamped() {
        double[] ranges = new double[16];
        Arrays.fill(ranges, Double.POSITIVE_INFINITY);
        ranges[0] = 15.0;   // sector 0
        ranges[1] = 3.0;    // sector 0, nearer
        ranges[5] = 45.0;   // sector 2, beyond the scale
        ranges[15] = 0.0;   // sector 7
        assertArrayEquals(new float[] {0.1f, 1f, 1f, 1f, 1f, 1f, 1f, 0f}, HazardFeatures.fromRanges(ranges));
    }

    @Test
    void sectorsSplitBeamCountsThatAreNotMultiplesOfEight() {
        double[] ranges = new double[12];
        Arrays.fill(ranges, 30.0);
        ranges[11] = 6.0; // floor(8 * 11 / 12) = 7
        assertArrayEquals(new float[] {1f, 1f, 1f, 1f, 1f, 1f, 1f, 0.2f}, HazardFeatures.fromRanges(ranges));
    }

    @Test
    void rejectsTooFewBeamsAndNonDistances() {
        assertThrows(IllegalArgumentException.class, () -> HazardFeatures.fromRanges(new double[7]));
        double[] ranges = new double[8];
        ranges[3] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> HazardFeatures.fromRanges(ranges));
        ranges[3] = -1;
        assertThrows(IllegalArgumentException.class, () -> HazardFeatures.fromRanges(ranges));
    }
}
