package io.lockstep.edge.mission;

import io.lockstep.platform.geometry.Vec2;

/**
 * Steers towards the base while the link-loss policy RETURN_TO_BASE is in effect: straight at the
 * base at the cruise speed, slowing so as to stop on it, zero once within the arrival radius. The
 * safety supervisor still filters the result (obstacles, e-stop).
 */
public final class ReturnToBaseGuidance {

    private final Vec2 base;
    private final double cruiseMps;
    private final double decelerationMps2;
    private final double arrivalRadiusM;

    public ReturnToBaseGuidance(Vec2 base, double cruiseMps, double decelerationMps2, double arrivalRadiusM) {
        if (!base.isFinite() || !(cruiseMps > 0) || !(decelerationMps2 > 0) || !(arrivalRadiusM >= 0)) {
            throw new IllegalArgumentException("bad return-to-base guidance parameters");
        }
        this.base = base;
        this.cruiseMps = cruiseMps;
        this.decelerationMps2 = decelerationMps2;
        this.arrivalRadiusM = arrivalRadiusM;
    }

    public Vec2 base() {
        return base;
    }

    public Vec2 velocityFrom(Vec2 position) {
        Vec2 toBase = base.minus(position);
        double distance = toBase.length();
        if (distance <= arrivalRadiusM) {
            return Vec2.ZERO;
        }
        double speed = Math.min(cruiseMps, Math.sqrt(2 * decelerationMps2 * (distance - arrivalRadiusM)));
        return toBase.normalized().times(speed);
    }
}
