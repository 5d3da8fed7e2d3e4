package io.lockstep.c2.mission.area;

import io.lockstep.c2.mission.GeoPoint;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the area into {@code shareCount} vertical strips (west to east) of equal area and clips the polygon
 * to each strip. The cut longitudes are found by bisection on the clipped area, so strips are fair even
 * for irregular polygons; each strip of a connected polygon is non-empty.
 */
@ApplicationScoped
public class StripAreaAllocator implements AreaAllocator {

    private static final int BISECTION_STEPS = 60;

    @Override
    public List<List<GeoPoint>> allocate(List<GeoPoint> area, int shareCount) {
        if (shareCount < 1) {
            throw new IllegalArgumentException("shareCount must be at least 1, was " + shareCount);
        }
        if (shareCount == 1) {
            return List.of(List.copyOf(area));
        }
        double minLon = area.stream().mapToDouble(GeoPoint::lon).min().orElseThrow();
        double maxLon = area.stream().mapToDouble(GeoPoint::lon).max().orElseThrow();
        double total = Polygons.area(area);

        List<List<GeoPoint>> shares = new ArrayList<>(shareCount);
        double west = minLon;
        for (int share = 0; share < shareCount; share++) {
            double east = share == shareCount - 1 ? maxLon : cutFor(area, minLon, maxLon, total * (share + 1) / shareCount);
            shares.add(PolygonClipper.clipToBand(area, west, east));
            west = east;
        }
        return shares;
    }

    /** The longitude x at which the part of the area west of x has the target area. */
    private static double cutFor(List<GeoPoint> area, double minLon, double maxLon, double targetArea) {
        double low = minLon;
        double high = maxLon;
        for (int i = 0; i < BISECTION_STEPS; i++) {
            double middle = (low + high) / 2;
            List<GeoPoint> west = PolygonClipper.clipToBand(area, minLon, middle);
            double westArea = west.size() < 3 ? 0 : Polygons.area(west);
            if (westArea < targetArea) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return (low + high) / 2;
    }
}
