package io.lockstep.edge.mission;

import io.lockstep.proto.v1.LatLon;
import io.lockstep.proto.v1.Mission;
import io.lockstep.proto.v1.Polygon;

/**
 * The one place where WGS84 latitude/longitude becomes the mission's local metric frame (x east,
 * y north, metres) and back.
 *
 * <p>Equirectangular projection around the frame origin: {@code x = R·Δλ·cos φ0},
 * {@code y = R·Δφ}, with R the mean Earth radius (6,371,008.8 m), Δλ wrapped into [-180°, 180°) so
 * an area across the antimeridian stays contiguous. Over a mission area of a few kilometres the
 * error against a true local tangent plane stays within a few decimetres, and every node computes
 * the same numbers from the same assignment (plain IEEE double arithmetic, {@link StrictMath}).
 */
public final class LocalFrame {

    /** IUGG mean Earth radius, metres. */
    public static final double EARTH_RADIUS_M = 6_371_008.8;
    /** Beyond this latitude cos φ0 is too small for the projection to mean anything. */
    private static final double MAX_ORIGIN_LATITUDE = 89.0;

    private final double originLat;
    private final double originLon;
    private final double metresPerDegreeLat;
    private final double metresPerDegreeLon;

    public LocalFrame(double originLat, double originLon) {
        checkLatLon(originLat, originLon, "frame origin");
        if (Math.abs(originLat) > MAX_ORIGIN_LATITUDE) {
            throw new IllegalArgumentException("frame origin latitude " + originLat + " is too close to a pole");
        }
        this.originLat = originLat;
        this.originLon = originLon;
        this.metresPerDegreeLat = EARTH_RADIUS_M * StrictMath.PI / 180.0;
        this.metresPerDegreeLon = metresPerDegreeLat * StrictMath.cos(StrictMath.toRadians(originLat));
    }

    /** The frame of a mission: anchored at {@code frame_origin} when set, else at the area's first vertex. */
    public static LocalFrame of(Mission mission) {
        if (mission.hasFrameOrigin()) {
            return new LocalFrame(mission.getFrameOrigin().getLat(), mission.getFrameOrigin().getLon());
        }
        if (mission.getArea().getVerticesCount() == 0) {
            throw new IllegalArgumentException("mission " + mission.getId() + " has neither frame_origin nor an area");
        }
        LatLon first = mission.getArea().getVertices(0);
        return new LocalFrame(first.getLat(), first.getLon());
    }

    public double originLat() {
        return originLat;
    }

    public double originLon() {
        return originLon;
    }

    /** {x, y} in metres of a WGS84 position. */
    public double[] toLocal(double lat, double lon) {
        checkLatLon(lat, lon, "position");
        double dLon = lon - originLon;
        if (dLon >= 180.0) {
            dLon -= 360.0;
        } else if (dLon < -180.0) {
            dLon += 360.0;
        }
        return new double[] {dLon * metresPerDegreeLon, (lat - originLat) * metresPerDegreeLat};
    }

    /** {lat, lon} in degrees of a local position (the inverse of {@link #toLocal}). */
    public double[] toLatLon(double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("local position must be finite: " + x + ", " + y);
        }
        double lon = originLon + x / metresPerDegreeLon;
        if (lon >= 180.0) {
            lon -= 360.0;
        } else if (lon < -180.0) {
            lon += 360.0;
        }
        return new double[] {originLat + y / metresPerDegreeLat, lon};
    }

    /**
     * A polygon as the runtime's flat {@code x0, y0, x1, y1, ...} array.
     *
     * @throws IllegalArgumentException with fewer than 3 vertices or a vertex outside WGS84 ranges
     */
    public double[] toLocalPairs(Polygon polygon) {
        int n = polygon.getVerticesCount();
        if (n < 3) {
            throw new IllegalArgumentException("a polygon needs at least 3 vertices, got " + n);
        }
        double[] pairs = new double[2 * n];
        for (int i = 0; i < n; i++) {
            LatLon v = polygon.getVertices(i);
            double[] xy = toLocal(v.getLat(), v.getLon());
            pairs[2 * i] = xy[0];
            pairs[2 * i + 1] = xy[1];
        }
        return pairs;
    }

    private static void checkLatLon(double lat, double lon, String what) {
        if (!(lat >= -90.0 && lat <= 90.0) || !(lon >= -180.0 && lon <= 180.0)) {
            throw new IllegalArgumentException(what + " is not a WGS84 position: lat=" + lat + ", lon=" + lon);
        }
    }
}
