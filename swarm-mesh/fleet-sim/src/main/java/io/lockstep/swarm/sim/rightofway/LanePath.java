package io.lockstep.swarm.sim.rightofway;

import io.lockstep.platform.geometry.Vec2;
import java.util.List;

/**
 * A vehicle's route: a polyline walked by arc length {@code s}. For each zone it knows the arc-length interval
 * in which the vehicle's safety disc overlaps the zone (sampled every 5 cm, enough for straight segments).
 */
final class LanePath {

    private static final double STEP_M = 0.05;

    private final List<Vec2> points;
    private final double[] cumulative;

    LanePath(List<Vec2> points) {
        this.points = List.copyOf(points);
        this.cumulative = new double[points.size()];
        for (int i = 1; i < points.size(); i++) {
            cumulative[i] = cumulative[i - 1] + points.get(i).distanceTo(points.get(i - 1));
        }
    }

    double length() {
        return cumulative[cumulative.length - 1];
    }

    Vec2 at(double s) {
        double clamped = Math.max(0.0, Math.min(s, length()));
        for (int i = 1; i < points.size(); i++) {
            if (clamped <= cumulative[i] || i == points.size() - 1) {
                double segment = cumulative[i] - cumulative[i - 1];
                double f = segment == 0.0 ? 0.0 : (clamped - cumulative[i - 1]) / segment;
                Vec2 a = points.get(i - 1);
                return a.plus(points.get(i).minus(a).times(f));
            }
        }
        return points.get(0);
    }

    /** {start, end} arc lengths over which the disc overlaps the zone, or null when it never does. */
    double[] interval(ConflictZone zone, double radius) {
        double start = -1;
        double end = -1;
        for (double s = 0.0; s <= length() + STEP_M / 2; s += STEP_M) {
            if (zone.overlapsDisc(at(s), radius)) {
                if (start < 0) {
                    start = s;
                }
                end = s;
            }
        }
        return start < 0 ? null : new double[] {start, end};
    }
}
