package io.lockstep.platform.safety;

import io.lockstep.platform.geometry.Polygon;
import io.lockstep.platform.geometry.Vec2;
import java.util.Locale;

/**
 * Keeps the vehicle inside the mission geofence. Inside the fence, a command is slowed so that the vehicle,
 * after its reaction time and braking, stops at the boundary instead of crossing it. Outside the fence (a
 * vehicle starting at a base outside the mission area, or position noise at the edge), only motion that does
 * not lead further out is allowed.
 */
final class GeofenceRule {

    /**
     * The vehicle stops this far inside the boundary. The vehicle's speed lags the command by a tick under
     * its acceleration limit, so a purely geometric stop creeps sub-millimetre past the line; 1 cm absorbs it.
     */
    static final double BOUNDARY_MARGIN_M = 0.01;

    private final double decelerationMps2;

    GeofenceRule(double decelerationMps2) {
        this.decelerationMps2 = decelerationMps2;
    }

    RuleResult apply(Polygon fence, Vec2 position, Vec2 requested, double reactionSeconds) {
        double speed = requested.length();
        if (speed == 0.0) {
            return RuleResult.unchanged(requested);
        }
        if (!fence.contains(position)) {
            return keepFromGoingFurtherOut(fence, position, requested);
        }
        Vec2 direction = requested.times(1.0 / speed);
        // Look exactly as far as the vehicle could travel before stopping from the requested speed.
        double lookahead = Braking.stoppingDistance(speed, decelerationMps2, reactionSeconds);
        double inside = fence.fractionInsideAlong(position, position.plus(direction.times(lookahead)));
        if (inside >= 1.0) {
            return RuleResult.unchanged(requested);
        }
        double distanceToBoundary = inside * lookahead;
        double allowed = Braking.maxSpeedToStopWithin(distanceToBoundary - BOUNDARY_MARGIN_M, decelerationMps2,
                reactionSeconds);
        if (allowed >= speed) {
            return RuleResult.unchanged(requested);
        }
        return RuleResult.changed(direction.times(allowed), String.format(Locale.ROOT,
                "boundary %.2f m ahead: speed %.2f -> %.2f m/s", distanceToBoundary, speed, allowed));
    }

    private static RuleResult keepFromGoingFurtherOut(Polygon fence, Vec2 position, Vec2 requested) {
        Vec2 inward = fence.nearestBoundaryPoint(position).minus(position).normalized();
        double towardsFence = requested.dot(inward);
        if (towardsFence >= 0.0) {
            return RuleResult.unchanged(requested);
        }
        Vec2 clamped = requested.minus(inward.times(towardsFence));
        return RuleResult.changed(clamped, String.format(Locale.ROOT,
                "outside the geofence at (%.2f, %.2f): outward component %.2f m/s removed",
                position.x(), position.y(), -towardsFence));
    }
}
