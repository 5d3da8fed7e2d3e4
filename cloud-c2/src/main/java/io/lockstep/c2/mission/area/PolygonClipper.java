package io.lockstep.c2.mission.area;

import io.lockstep.c2.mission.GeoPoint;
import java.util.ArrayList;
import java.util.List;

/** Sutherland–Hodgman clipping of a polygon against a vertical band minLon ≤ lon ≤ maxLon. */
public final class PolygonClipper {

    private PolygonClipper() {
    }

    public static List<GeoPoint> clipToBand(List<GeoPoint> polygon, double minLon, double maxLon) {
        List<GeoPoint> leftClipped = clipHalfPlane(polygon, minLon, true);
        List<GeoPoint> clipped = clipHalfPlane(leftClipped, maxLon, false);
        return withoutRepeatedVertices(clipped);
    }

    /** Keeps the side lon ≥ edge ({@code keepGreater}) or lon ≤ edge of the polygon. */
    private static List<GeoPoint> clipHalfPlane(List<GeoPoint> polygon, double edge, boolean keepGreater) {
        List<GeoPoint> out = new ArrayList<>();
        int n = polygon.size();
        for (int i = 0; i < n; i++) {
            GeoPoint current = polygon.get(i);
            GeoPoint previous = polygon.get((i + n - 1) % n);
            boolean currentInside = inside(current, edge, keepGreater);
            boolean previousInside = inside(previous, edge, keepGreater);
            if (currentInside) {
                if (!previousInside) {
                    out.add(crossing(previous, current, edge));
                }
                out.add(current);
            } else if (previousInside) {
                out.add(crossing(previous, current, edge));
            }
        }
        return out;
    }

    private static boolean inside(GeoPoint p, double edge, boolean keepGreater) {
        return keepGreater ? p.lon() >= edge : p.lon() <= edge;
    }

    private static GeoPoint crossing(GeoPoint a, GeoPoint b, double lon) {
        double t = (lon - a.lon()) / (b.lon() - a.lon());
        return new GeoPoint(a.lat() + t * (b.lat() - a.lat()), lon);
    }

    private static List<GeoPoint> withoutRepeatedVertices(List<GeoPoint> polygon) {
        List<GeoPoint> out = new ArrayList<>();
        for (GeoPoint p : polygon) {
            if (out.isEmpty() || !same(out.get(out.size() - 1), p)) {
                out.add(p);
            }
        }
        while (out.size() > 1 && same(out.get(0), out.get(out.size() - 1))) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static boolean same(GeoPoint a, GeoPoint b) {
        return a.lat().equals(b.lat()) && a.lon().equals(b.lon());
    }
}
