package io.lockstep.platform.safety;

import io.lockstep.platform.geometry.Vec2;

/**
 * The velocity that brings the vehicle home: straight at the base at the return speed, slowing so that it
 * stops at the base, and holding still once within the arrival radius. Obstacles on the way are left to the
 * obstacle reflex, which runs after this rule.
 */
final class ReturnToBase {

    private final Vec2 base;
    private final double cruiseSpeedMps;
    private final double arrivalRadiusM;
    private final double decelerationMps2;

    ReturnToBase(Vec2 base, double cruiseSpeedMps, double arrivalRadiusM, double decelerationMps2) {
        this.base = base;
        this.cruiseSpeedMps = cruiseSpeedMps;
        this.arrivalRadiusM = arrivalRadiusM;
        this.decelerationMps2 = decelerationMps2;
    }

    Vec2 base() {
        return base;
    }

    Vec2 velocityFrom(Vec2 position, double reactionSeconds) {
        Vec2 toBase = base.minus(position);
        double distance = toBase.length();
        if (distance <= arrivalRadiusM) {
            return Vec2.ZERO;
        }
        double speed = Math.min(cruiseSpeedMps,
                Braking.maxSpeedToStopWithin(distance, decelerationMps2, reactionSeconds));
        return toBase.times(speed / distance);
    }
}
