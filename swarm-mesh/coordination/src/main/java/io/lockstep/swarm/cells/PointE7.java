package io.lockstep.swarm.cells;

/**
 * A WGS84 position in integer 1e-7 degrees (E7): {@code latE7} in [-900000000, 900000000],
 * {@code lonE7} in [-1800000000, 1800000000]. Integers so that every JVM and every language computes
 * the same cells from the same area.
 */
public record PointE7(int latE7, int lonE7) {

    public static final int MAX_LAT_E7 = 900_000_000;
    public static final int MAX_LON_E7 = 1_800_000_000;

    public PointE7 {
        if (latE7 < -MAX_LAT_E7 || latE7 > MAX_LAT_E7) {
            throw new IllegalArgumentException("latitude E7 out of range: " + latE7);
        }
        if (lonE7 < -MAX_LON_E7 || lonE7 > MAX_LON_E7) {
            throw new IllegalArgumentException("longitude E7 out of range: " + lonE7);
        }
    }

    public static boolean valid(long latE7, long lonE7) {
        return latE7 >= -MAX_LAT_E7 && latE7 <= MAX_LAT_E7 && lonE7 >= -MAX_LON_E7 && lonE7 <= MAX_LON_E7;
    }
}
