package io.lockstep.c2.mission.area;

import io.lockstep.c2.mission.GeoPoint;
import java.util.List;

/**
 * Planar polygon measures with longitude as x and latitude as y. Good enough to split and sanity-check
 * mission areas that are small next to the Earth (areas crossing the antimeridian are not supported).
 */
public final class Polygons {

    private Polygons() {
    }

    /** Signed shoelace area (positive when counter-clockwise), in square degrees. */
    public static double signedArea(List<GeoPoint> polygon) {
        double twice = 0;
        for (int i = 0; i < polygon.size(); i++) {
            GeoPoint a = polygon.get(i);
            GeoPoint b = polygon.get((i + 1) % polygon.size());
            twice += a.lon() * b.lat() - b.lon() * a.lat();
        }
        return twice / 2;
    }

    public static double area(List<GeoPoint> polygon) {
        return Math.abs(signedArea(polygon));
    }

    /** True when two non-adjacent edges touch or cross (the polygon is not simple). */
    public static boolean selfIntersects(List<GeoPoint> polygon) {
        int n = polygon.size();
        for (int i = 0; i < n; i++) {
            GeoPoint a1 = polygon.get(i);
            GeoPoint a2 = polygon.get((i + 1) % n);
            for (int j = i + 1; j < n; j++) {
                boolean adjacent = j == i + 1 || (i == 0 && j == n - 1);
                if (adjacent) {
                    continue;
                }
                if (segmentsIntersect(a1, a2, polygon.get(j), polygon.get((j + 1) % n))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean segmentsIntersect(GeoPoint p1, GeoPoint p2, GeoPoint q1, GeoPoint q2) {
        double d1 = cross(q1, q2, p1);
        double d2 = cross(q1, q2, p2);
        double d3 = cross(p1, p2, q1);
        double d4 = cross(p1, p2, q2);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
            return true;
        }
        return (d1 == 0 && onSegment(q1, q2, p1)) || (d2 == 0 && onSegment(q1, q2, p2))
                || (d3 == 0 && onSegment(p1, p2, q1)) || (d4 == 0 && onSegment(p1, p2, q2));
    }

    private static double cross(GeoPoint o, GeoPoint a, GeoPoint b) {
        return (a.lon() - o.lon()) * (b.lat() - o.lat()) - (a.lat() - o.lat()) * (b.lon() - o.lon());
    }

    private static boolean onSegment(GeoPoint a, GeoPoint b, GeoPoint p) {
        return Math.min(a.lon(), b.lon()) <= p.lon() && p.lon() <= Math.max(a.lon(), b.lon())
                && Math.min(a.lat(), b.lat()) <= p.lat() && p.lat() <= Math.max(a.lat(), b.lat());
    }
}
