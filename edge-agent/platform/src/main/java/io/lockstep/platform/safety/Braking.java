package io.lockstep.platform.safety;

/** Stopping-distance arithmetic shared by the rules that must stop the vehicle before something. */
final class Braking {

    private Braking() {
    }

    /**
     * The highest speed from which the vehicle still stops within {@code distanceM}, when it first keeps going
     * for {@code reactionSeconds} and then brakes at {@code decelerationMps2}: the positive root of
     * {@code v*t + v^2/(2a) = d}.
     */
    static double maxSpeedToStopWithin(double distanceM, double decelerationMps2, double reactionSeconds) {
        if (distanceM <= 0.0) {
            return 0.0;
        }
        double a = decelerationMps2;
        double t = reactionSeconds;
        return a * (Math.sqrt(t * t + 2.0 * distanceM / a) - t);
    }

    /** The distance covered at {@code speedMps} during the reaction time plus braking to a stop. */
    static double stoppingDistance(double speedMps, double decelerationMps2, double reactionSeconds) {
        return speedMps * reactionSeconds + speedMps * speedMps / (2.0 * decelerationMps2);
    }
}
