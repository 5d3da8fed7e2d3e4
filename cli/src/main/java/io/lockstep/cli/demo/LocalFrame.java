package io.lockstep.cli.demo;

/**
 * Local metric frame (east/north metres) anchored at a WGS84 origin, the inverse of the conversion the
 * edge node applies (equirectangular, mean Earth radius; see docs/wire-contracts.md). Exact enough for
 * areas of a few kilometres, which is what a mission covers.
 */
public record LocalFrame(double originLat, double originLon) {
    public static final double EARTH_RADIUS_M = 6_371_008.8;

    public double latitudeOf(double northM) {
        return originLat + Math.toDegrees(northM / EARTH_RADIUS_M);
    }

    public double longitudeOf(double eastM) {
        return originLon + Math.toDegrees(eastM / (EARTH_RADIUS_M * Math.cos(Math.toRadians(originLat))));
    }
}
