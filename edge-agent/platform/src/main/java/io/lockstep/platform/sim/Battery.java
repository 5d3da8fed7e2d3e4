package io.lockstep.platform.sim;

/** A battery that drains with time and with distance travelled; its charge is a fraction from 0 to 1. */
final class Battery {

    private final double idleDrainPerSecond;
    private final double drainPerMetre;
    private double fraction;

    Battery(double initialFraction, double idleDrainPerSecond, double drainPerMetre) {
        if (!(initialFraction >= 0.0 && initialFraction <= 1.0)) {
            throw new IllegalArgumentException("battery fraction must be within 0..1, got " + initialFraction);
        }
        this.fraction = initialFraction;
        this.idleDrainPerSecond = idleDrainPerSecond;
        this.drainPerMetre = drainPerMetre;
    }

    double fraction() {
        return fraction;
    }

    boolean isEmpty() {
        return fraction <= 0.0;
    }

    /** Drains for {@code dtSeconds} at an average speed of {@code speedMps}. */
    void drain(double speedMps, double dtSeconds) {
        fraction = Math.max(0.0, fraction - (idleDrainPerSecond + drainPerMetre * speedMps) * dtSeconds);
    }
}
