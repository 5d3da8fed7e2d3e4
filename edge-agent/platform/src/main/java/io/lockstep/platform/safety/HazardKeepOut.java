package io.lockstep.platform.safety;

import io.lockstep.platform.geometry.Vec2;
import java.util.List;
import java.util.Locale;

/**
 * Keeps the vehicle out of peers' hazards ({@link KeepOutZone}s). Only the part of a command that closes in
 * on a zone is limited, to what can still stop at its edge after the reaction time; the part along the edge
 * passes, so an agent heading past a hazard slides around it instead of being stuck in front of it. A vehicle
 * already inside a zone (the hazard arrived while it was there) may only move out of it.
 */
final class HazardKeepOut {

    /** The vehicle stops this far outside a zone (absorbs the lag of the vehicle's speed behind the command while the direction to the zone turns). */
    static final double EDGE_MARGIN_M = 0.05;

    private final double decelerationMps2;

    HazardKeepOut(double decelerationMps2) {
        this.decelerationMps2 = decelerationMps2;
    }

    RuleResult apply(List<KeepOutZone> zones, Vec2 position, Vec2 requested, double reactionSeconds) {
        Vec2 velocity = requested;
        String detail = null;
        for (KeepOutZone zone : zones) {
            Vec2 outward = position.minus(zone.centre());
            double distance = outward.length();
            if (distance == 0.0 || velocity.length() == 0.0) {
                continue; // at the very centre no direction is "out"; nothing to limit without motion
            }
            Vec2 out = outward.times(1.0 / distance);
            double closing = -velocity.dot(out);
            if (closing <= 0.0) {
                continue;
            }
            double gap = distance - zone.radiusM();
            double allowed = gap <= 0.0 ? 0.0
                    : Braking.maxSpeedToStopWithin(gap - EDGE_MARGIN_M, decelerationMps2, reactionSeconds);
            if (closing <= allowed) {
                continue;
            }
            velocity = velocity.plus(out.times(closing - allowed));
            detail = String.format(Locale.ROOT, "%s: closing speed %.2f -> %.2f m/s, %.2f m from its edge",
                    zone.label(), closing, allowed, Math.max(0.0, gap));
        }
        return detail == null ? RuleResult.unchanged(requested) : RuleResult.changed(velocity, detail);
    }
}
