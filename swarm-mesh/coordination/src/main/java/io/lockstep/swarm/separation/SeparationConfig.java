package io.lockstep.swarm.separation;

/**
 * Tuning of the {@link SeparationGuard}.
 *
 * @param safetyDistanceM no two vehicles closer than this (the fleet simulator's scenarios hold the same)
 * @param positionMarginM added to the safety distance for what the announced and the own position may be off by
 *        (position sensor noise on both vehicles, the demo's sampling)
 * @param peerAccelerationMps2 how fast a peer may change its velocity: over an announcement of age {@code t} it
 *        can be {@code a t^2 / 2} away from where its announced velocity puts it
 * @param brakingMps2 the deceleration the guard plans with: half what the vehicle can do, the other half is left for
 *        turning while it brakes and for the noise in the positions (at the vehicle's full braking, three vehicles
 *        crossing at 8 m/s came within centimetres in {@code GuardedVehiclesTest})
 * @param maxAgeMs an announcement older than this is ignored (its lease for the guard)
 * @param yieldRangeM within this distance of a peer's guard disc the lower-ranked of two vehicles that block each
 *        other steps aside
 * @param sidestepSpeedMps speed of that step aside
 * @param pushOutPerSecond inside a peer's guard disc the vehicle must move out at this rate times how deep it is
 * @param maxPushOutMps but not faster than this
 */
public record SeparationConfig(double safetyDistanceM, double positionMarginM, double peerAccelerationMps2,
        double brakingMps2, long maxAgeMs, double yieldRangeM, double sidestepSpeedMps, double pushOutPerSecond,
        double maxPushOutMps) {

    public SeparationConfig {
        for (double v : new double[] {safetyDistanceM, positionMarginM, peerAccelerationMps2, yieldRangeM,
            sidestepSpeedMps, pushOutPerSecond, maxPushOutMps}) {
            if (!(v >= 0.0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("separation settings must be finite and >= 0, got " + v);
            }
        }
        if (!(brakingMps2 > 0.0) || !Double.isFinite(brakingMps2) || maxAgeMs < 1) {
            throw new IllegalArgumentException("braking must be > 0 and the maximum age >= 1 ms, got " + brakingMps2
                    + ", " + maxAgeMs);
        }
    }

    /**
     * A node's guard: 2 m safety distance plus 0.8 m for position noise (0.2 m per axis on each vehicle), peers
     * accelerating at up to 3 m/s², planning with half the vehicle's braking, announcements ignored after 1 s (five
     * missed ones), step aside at 1 m/s within 1.5 m, pushed out at 1/s up to 0.5 m/s.
     *
     * @param vehicleBrakingMps2 the deceleration the vehicle can do
     */
    public static SeparationConfig defaults(double vehicleBrakingMps2) {
        return new SeparationConfig(2.0, 0.8, 3.0, vehicleBrakingMps2 / 2.0, 1_000, 1.5, 1.0, 1.0, 0.5);
    }

    /** The guard distance around a peer's extrapolated position for an announcement {@code ageMs} old. */
    public double guardDistanceM(long ageMs) {
        double t = ageMs / 1000.0;
        return safetyDistanceM + positionMarginM + peerAccelerationMps2 * t * t / 2.0;
    }
}
