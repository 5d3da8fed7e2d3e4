package io.lockstep.platform.safety;

import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.vehicle.VehicleReadings;
import java.util.Locale;

/**
 * Stops the vehicle before it comes closer than the stop distance to anything its range beams see in the
 * direction of travel (beams within the cone half-angle of the commanded direction). Further away it limits
 * the speed to what can still stop in time, so the stop happens at the stop distance and not after it.
 * Commands away from the obstacle pass unchanged, so an agent can always back off or turn.
 */
final class ObstacleReflex {

    private final double stopDistanceM;
    private final double coneHalfAngleRad;
    private final double decelerationMps2;

    ObstacleReflex(double stopDistanceM, double coneHalfAngleRad, double decelerationMps2) {
        this.stopDistanceM = stopDistanceM;
        this.coneHalfAngleRad = coneHalfAngleRad;
        this.decelerationMps2 = decelerationMps2;
    }

    RuleResult apply(VehicleReadings readings, Vec2 requested, double reactionSeconds) {
        double speed = requested.length();
        if (speed == 0.0 || readings.rangeCount() == 0) {
            return RuleResult.unchanged(requested);
        }
        double heading = Math.atan2(requested.y(), requested.x());
        double nearest = Double.POSITIVE_INFINITY;
        for (int beam = 0; beam < readings.rangeCount(); beam++) {
            if (angleBetween(heading, readings.beamAngle(beam)) <= coneHalfAngleRad) {
                nearest = Math.min(nearest, readings.range(beam));
            }
        }
        if (nearest <= stopDistanceM) {
            return RuleResult.changed(Vec2.ZERO, String.format(Locale.ROOT,
                    "obstacle %.2f m ahead (stop distance %.2f m): stopped, requested %.2f m/s",
                    nearest, stopDistanceM, speed));
        }
        double allowed = Braking.maxSpeedToStopWithin(nearest - stopDistanceM, decelerationMps2, reactionSeconds);
        if (allowed >= speed) {
            return RuleResult.unchanged(requested);
        }
        return RuleResult.changed(requested.times(allowed / speed), String.format(Locale.ROOT,
                "obstacle %.2f m ahead: speed %.2f -> %.2f m/s to stop %.2f m short", nearest, speed, allowed,
                stopDistanceM));
    }

    private static double angleBetween(double a, double b) {
        double difference = Math.abs(a - b) % (2.0 * Math.PI);
        return difference > Math.PI ? 2.0 * Math.PI - difference : difference;
    }
}
