package io.lockstep.platform.safety;

import io.lockstep.platform.geometry.AxisAlignedRectangle;
import io.lockstep.platform.geometry.Vec2;
import java.util.Locale;

/**
 * The swarm rule, between safety and mission ("safety &gt; swarm &gt; mission"): applied to the agents' request
 * before the safety rules, so geofence, obstacle reflex and e-stop still have the last word. On
 * {@link SwarmDirective.Kind#HOLD} a command heading into a kept-out zone is slowed to stop a margin short of it
 * (the holding point) and commands away from it pass, so the vehicle waits outside; on
 * {@link SwarmDirective.Kind#RETREAT} the agents are overridden with the retreat velocity.
 */
final class SwarmRightOfWayRule {

    static final double HOLD_MARGIN_M = 0.5;

    private final double decelerationMps2;

    SwarmRightOfWayRule(double decelerationMps2) {
        this.decelerationMps2 = decelerationMps2;
    }

    RuleResult apply(SwarmDirective directive, Vec2 position, Vec2 requested, double reactionSeconds) {
        switch (directive.kind()) {
            case RETREAT -> {
                return RuleResult.changed(directive.retreatVelocity(), String.format(Locale.ROOT,
                        "right of way: backing out at %.2f m/s (%s)", directive.retreatVelocity().length(),
                        directive.reason()));
            }
            case HOLD -> {
                double speed = requested.length();
                if (speed == 0.0) {
                    return RuleResult.unchanged(requested);
                }
                Vec2 direction = requested.times(1.0 / speed);
                double nearest = Double.POSITIVE_INFINITY;
                for (AxisAlignedRectangle zone : directive.keepOut()) {
                    nearest = Math.min(nearest, distanceAlong(zone, position, direction));
                }
                if (nearest == Double.POSITIVE_INFINITY) {
                    return RuleResult.unchanged(requested);
                }
                double allowed = Braking.maxSpeedToStopWithin(nearest - HOLD_MARGIN_M, decelerationMps2,
                        reactionSeconds);
                if (allowed >= speed) {
                    return RuleResult.unchanged(requested);
                }
                return RuleResult.changed(requested.times(allowed / speed), String.format(Locale.ROOT,
                        "right of way: holding %.2f m short of a zone (%s), %.2f -> %.2f m/s", nearest,
                        directive.reason(), speed, allowed));
            }
            default -> {
                return RuleResult.unchanged(requested);
            }
        }
    }

    /**
     * How far the vehicle can go from {@code p} along the unit {@code d} before it enters the rectangle; 0 when
     * it is inside and heading further in, infinity when the ray misses it or leaves it.
     */
    static double distanceAlong(AxisAlignedRectangle r, Vec2 p, Vec2 d) {
        double tMin = Double.NEGATIVE_INFINITY;
        double tMax = Double.POSITIVE_INFINITY;
        double[][] slabs = {{p.x(), d.x(), r.min().x(), r.max().x()}, {p.y(), d.y(), r.min().y(), r.max().y()}};
        for (double[] s : slabs) {
            if (s[1] == 0.0) {
                if (s[0] < s[2] || s[0] > s[3]) {
                    return Double.POSITIVE_INFINITY;
                }
            } else {
                double t1 = (s[2] - s[0]) / s[1];
                double t2 = (s[3] - s[0]) / s[1];
                tMin = Math.max(tMin, Math.min(t1, t2));
                tMax = Math.min(tMax, Math.max(t1, t2));
            }
        }
        if (tMax < Math.max(tMin, 0.0)) {
            return Double.POSITIVE_INFINITY;
        }
        if (tMin <= 0.0) {
            // inside: heading further in unless it leaves straight away (moving out is always allowed)
            Vec2 centre = r.min().plus(r.max()).times(0.5);
            return centre.minus(p).dot(d) > 0 ? 0.0 : Double.POSITIVE_INFINITY;
        }
        return tMin;
    }
}
