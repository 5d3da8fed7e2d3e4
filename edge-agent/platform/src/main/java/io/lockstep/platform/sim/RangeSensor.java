package io.lockstep.platform.sim;

import io.lockstep.platform.geometry.Shape;
import io.lockstep.platform.geometry.Vec2;

/**
 * A planar range scanner with {@code beamCount} beams (beam {@code i} at {@code 2*pi*i/N} counter-clockwise
 * from east) cast against the world's obstacles, its bounds and the obscurant in hazard zones. Readings beyond
 * {@code maxRangeM} are {@code +Infinity}; a beam that starts inside an obstacle reads 0.
 */
public final class RangeSensor {

    private final World world;
    private final int beamCount;
    private final double maxRangeM;
    private final Vec2[] directions;

    public RangeSensor(World world, int beamCount, double maxRangeM) {
        if (beamCount < 1 || beamCount > 4096) {
            throw new IllegalArgumentException("beam count must be 1..4096, got " + beamCount);
        }
        if (!(maxRangeM > 0.0) || !Double.isFinite(maxRangeM)) {
            throw new IllegalArgumentException("max range must be a positive finite number, got " + maxRangeM);
        }
        this.world = world;
        this.beamCount = beamCount;
        this.maxRangeM = maxRangeM;
        this.directions = new Vec2[beamCount];
        for (int i = 0; i < beamCount; i++) {
            directions[i] = Vec2.unitAt(2.0 * Math.PI * i / beamCount);
        }
    }

    public int beamCount() {
        return beamCount;
    }

    public double maxRangeM() {
        return maxRangeM;
    }

    /** The range reading of every beam from {@code origin}. */
    public double[] scan(Vec2 origin) {
        double[] ranges = new double[beamCount];
        for (int i = 0; i < beamCount; i++) {
            double range = castBeam(origin, directions[i]);
            ranges[i] = range > maxRangeM ? Double.POSITIVE_INFINITY : range;
        }
        return ranges;
    }

    private double castBeam(Vec2 origin, Vec2 direction) {
        double nearest = distanceToWall(origin, direction);
        for (Obstacle obstacle : world.obstacles()) {
            nearest = Math.min(nearest, obstacle.shape().distanceToEnter(origin, direction));
        }
        for (HazardZone zone : world.hazardZones()) {
            nearest = Math.min(nearest, obscurantReturn(zone, origin, direction));
        }
        return nearest;
    }

    private double distanceToWall(Vec2 origin, Vec2 direction) {
        if (!world.bounds().contains(origin)) {
            return 0.0;
        }
        double[] crossings = world.bounds().boundaryCrossings(origin, direction);
        return crossings.length == 0 ? 0.0 : crossings[0];
    }

    /**
     * Where a beam is scattered back by the zone's obscurant: once it has travelled {@code visibilityM} metres
     * inside the zone in total (a non-convex zone may be entered more than once), or never.
     */
    private static double obscurantReturn(HazardZone zone, Vec2 origin, Vec2 direction) {
        Shape shape = zone.shape();
        double remaining = zone.visibilityM();
        double[] crossings = shape.boundaryCrossings(origin, direction);
        double segmentStart = 0.0;
        for (int i = 0; i <= crossings.length; i++) {
            double segmentEnd = i < crossings.length ? crossings[i] : Double.POSITIVE_INFINITY;
            if (segmentEnd > segmentStart && isInside(shape, origin, direction, segmentStart, segmentEnd)) {
                if (segmentEnd - segmentStart >= remaining) {
                    return segmentStart + remaining;
                }
                remaining -= segmentEnd - segmentStart;
            }
            segmentStart = segmentEnd;
        }
        return Double.POSITIVE_INFINITY;
    }

    private static boolean isInside(Shape shape, Vec2 origin, Vec2 direction, double from, double to) {
        double probe = Double.isInfinite(to) ? from + 1.0 : (from + to) / 2.0;
        return shape.contains(origin.plus(direction.times(probe)));
    }
}
