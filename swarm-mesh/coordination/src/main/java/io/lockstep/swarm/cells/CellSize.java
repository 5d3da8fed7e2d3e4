package io.lockstep.swarm.cells;

/**
 * Grid pitch in E7 degrees along latitude and longitude. {@link #ofMetres} converts a metric size at a
 * reference latitude; that conversion uses {@link StrictMath} so it is the same on every JVM, but only
 * the resulting integers travel, so other languages never repeat it.
 */
public record CellSize(int latE7, int lonE7) {

    /** Smallest pitch: 1e-5 degrees, about a metre. */
    public static final int MIN_E7 = 100;
    /** Largest pitch: 0.1 degrees, about 11 km. */
    public static final int MAX_E7 = 1_000_000;

    private static final double METRES_PER_DEGREE_LAT = 111_320.0;

    public CellSize {
        if (latE7 < MIN_E7 || latE7 > MAX_E7 || lonE7 < MIN_E7 || lonE7 > MAX_E7) {
            throw new IllegalArgumentException("cell size E7 must be in " + MIN_E7 + ".." + MAX_E7
                    + ", got " + latE7 + " x " + lonE7);
        }
    }

    /** A square of about {@code metres} on a side at latitude {@code refLatE7}. */
    public static CellSize ofMetres(double metres, int refLatE7) {
        if (!(metres > 0) || Double.isInfinite(metres)) {
            throw new IllegalArgumentException("cell size in metres must be positive and finite");
        }
        double degreesLat = metres / METRES_PER_DEGREE_LAT;
        double cosLat = StrictMath.cos(StrictMath.toRadians(refLatE7 / 1e7));
        double degreesLon = metres / (METRES_PER_DEGREE_LAT * Math.max(cosLat, 0.01));
        return new CellSize(clamp(StrictMath.round(degreesLat * 1e7)), clamp(StrictMath.round(degreesLon * 1e7)));
    }

    private static int clamp(long e7) {
        return (int) Math.max(MIN_E7, Math.min(MAX_E7, e7));
    }
}
