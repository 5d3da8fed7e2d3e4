package io.lockstep.platform.safety;

import io.lockstep.platform.geometry.Vec2;
import java.util.ArrayList;
import java.util.List;

/**
 * A Java stand-in for the survey agent: horizontal lanes half a spacing inside a rectangle, alternating
 * direction, steering at each waypoint with a braking-limited speed, skipping a waypoint it cannot get closer
 * to for {@code stallTicks} ticks (the supervisor may be holding it back).
 */
final class LawnmowerPilot {

    private static final double SPEED = 5.0;
    private static final double TOLERANCE = 1.0;
    private static final double APPROACH_GAIN = 0.5;
    private static final double DECELERATION = 1.0;

    private final List<Vec2> waypoints = new ArrayList<>();
    private final int stallTicks;
    private int current;
    private double bestDistance = Double.POSITIVE_INFINITY;
    private int ticksWithoutProgress;
    private int skipped;

    LawnmowerPilot(double minX, double minY, double maxX, double maxY, double laneSpacing, int stallTicks) {
        this.stallTicks = stallTicks;
        int lane = 0;
        for (double y = minY + laneSpacing / 2; y < maxY; y += laneSpacing, lane++) {
            boolean eastward = lane % 2 == 0;
            waypoints.add(new Vec2(eastward ? minX : maxX, y));
            waypoints.add(new Vec2(eastward ? maxX : minX, y));
        }
    }

    boolean finished() {
        return current >= waypoints.size();
    }

    int skipped() {
        return skipped;
    }

    /** The velocity to request from the measured position. */
    Vec2 steer(Vec2 position) {
        while (!finished()) {
            Vec2 toWaypoint = waypoints.get(current).minus(position);
            double distance = toWaypoint.length();
            if (distance <= TOLERANCE) {
                advance();
                continue;
            }
            if (distance < bestDistance - 0.1) {
                bestDistance = distance;
                ticksWithoutProgress = 0;
            } else if (++ticksWithoutProgress >= stallTicks) {
                skipped++;
                advance();
                continue;
            }
            double speed = Math.min(SPEED, Math.min(APPROACH_GAIN * distance, Math.sqrt(2 * DECELERATION * distance)));
            return toWaypoint.times(speed / distance);
        }
        return Vec2.ZERO;
    }

    private void advance() {
        current++;
        bestDistance = Double.POSITIVE_INFINITY;
        ticksWithoutProgress = 0;
    }
}
