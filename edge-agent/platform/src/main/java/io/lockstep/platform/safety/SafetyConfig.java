package io.lockstep.platform.safety;

/**
 * Tuning of the safety supervisor's rules.
 *
 * @param obstacleStopDistanceM the vehicle stops this far from an obstacle in its direction of travel
 * @param obstacleConeHalfAngleRad beams within this angle of the direction of travel count as "ahead"
 * @param brakingDecelerationMps2 the deceleration the vehicle can count on; speeds are limited so that it can
 *        stop before a boundary or obstacle at this deceleration (use the vehicle's acceleration limit)
 * @param reactionTicks ticks between a decision and the vehicle acting on it; covered at full speed before
 *        braking starts
 * @param batteryReserveFraction below this battery fraction the supervisor returns the vehicle to base
 * @param returnSpeedMps cruise speed of the return to base
 * @param baseArrivalRadiusM within this distance of the base the return is complete and the vehicle holds
 */
public record SafetyConfig(double obstacleStopDistanceM, double obstacleConeHalfAngleRad,
        double brakingDecelerationMps2, int reactionTicks, double batteryReserveFraction, double returnSpeedMps,
        double baseArrivalRadiusM) {

    public SafetyConfig {
        requireNonNegative(obstacleStopDistanceM, "obstacleStopDistanceM");
        if (!(obstacleConeHalfAngleRad > 0.0 && obstacleConeHalfAngleRad <= Math.PI)) {
            throw new IllegalArgumentException("obstacleConeHalfAngleRad must be within (0, pi], got "
                    + obstacleConeHalfAngleRad);
        }
        if (!(brakingDecelerationMps2 > 0.0) || !Double.isFinite(brakingDecelerationMps2)) {
            throw new IllegalArgumentException("brakingDecelerationMps2 must be > 0, got " + brakingDecelerationMps2);
        }
        if (reactionTicks < 0) {
            throw new IllegalArgumentException("reactionTicks must be >= 0, got " + reactionTicks);
        }
        if (!(batteryReserveFraction >= 0.0 && batteryReserveFraction <= 1.0)) {
            throw new IllegalArgumentException("batteryReserveFraction must be within 0..1, got "
                    + batteryReserveFraction);
        }
        if (!(returnSpeedMps > 0.0) || !Double.isFinite(returnSpeedMps)) {
            throw new IllegalArgumentException("returnSpeedMps must be > 0, got " + returnSpeedMps);
        }
        requireNonNegative(baseArrivalRadiusM, "baseArrivalRadiusM");
    }

    /** 0.5 m stop distance, ±30° cone, 3 m/s² braking, 1 tick reaction, 20 % reserve, 3 m/s home, 1 m arrival. */
    public static SafetyConfig defaults() {
        return new SafetyConfig(0.5, Math.toRadians(30.0), 3.0, 1, 0.2, 3.0, 1.0);
    }

    public SafetyConfig withBatteryReserve(double fraction) {
        return new SafetyConfig(obstacleStopDistanceM, obstacleConeHalfAngleRad, brakingDecelerationMps2,
                reactionTicks, fraction, returnSpeedMps, baseArrivalRadiusM);
    }

    private static void requireNonNegative(double value, String name) {
        if (!(value >= 0.0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
        }
    }
}
