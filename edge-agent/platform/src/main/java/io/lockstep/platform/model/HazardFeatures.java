package io.lockstep.platform.model;

import java.util.Arrays;

/**
 * The input contract of the example hazard model, shared with the hazard-scout agent (which computes the
 * same thing in C from the ABI sensor frame): the {@code N} range beams are split into 8 sectors, sector
 * {@code k} holding the beams {@code i} with {@code floor(8 * i / N) == k} (beam 0 points east, angles grow
 * counter-clockwise); feature {@code k} is the smallest range in the sector divided by
 * {@link #RANGE_SCALE_M}, clamped to [0, 1], with {@code +Infinity} (nothing in range) giving 1.
 */
public final class HazardFeatures {

    public static final int SECTORS = HazardNetwork.INPUTS;
    /**
     * Ranges are normalised by this distance: hazard-scout's default {@code max_range} and the simulated
     * range sensor's default reach.
     */
    public static final double RANGE_SCALE_M = 30.0;

    private HazardFeatures() {
    }

    /**
     * @throws IllegalArgumentException when there are fewer beams than sectors or a range is NaN or negative
     */
    public static float[] fromRanges(double[] ranges) {
        if (ranges.length < SECTORS) {
            throw new IllegalArgumentException("need at least " + SECTORS + " range beams, got " + ranges.length);
        }
        double[] nearest = new double[SECTORS];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int beam = 0; beam < ranges.length; beam++) {
            double range = ranges[beam];
            if (Double.isNaN(range) || range < 0.0) {
                throw new IllegalArgumentException("range " + beam + " is not a distance: " + range);
            }
            int sector = (int) ((long) SECTORS * beam / ranges.length);
            nearest[sector] = Math.min(nearest[sector], range);
        }
        float[] features = new float[SECTORS];
        for (int sector = 0; sector < SECTORS; sector++) {
            features[sector] = (float) Math.min(1.0, nearest[sector] / RANGE_SCALE_M);
        }
        return features;
    }
}
