package io.lockstep.platform.sim;

/**
 * Physical and sensor parameters of a simulated vehicle.
 *
 * @param maxSpeedMps speed limit, m/s
 * @param maxAccelerationMps2 limit on the change of velocity (speeding up, braking and turning), m/s²
 * @param idleDrainPerSecond battery fraction used per second whatever the speed
 * @param drainPerMetre battery fraction used per metre travelled
 * @param positionNoiseStdDevM standard deviation of the position sensor's Gaussian noise on each axis, metres
 * @param rangeBeams number of range beams
 * @param maxRangeM range sensor reach, metres
 * @param noiseSeed seed of the sensor noise generator: the same seed gives the same readings every run
 */
public record SimulatedVehicleConfig(double maxSpeedMps, double maxAccelerationMps2, double idleDrainPerSecond,
        double drainPerMetre, double positionNoiseStdDevM, int rangeBeams, double maxRangeM, long noiseSeed) {

    /** Sensor reach the example hazard model's range normalisation is designed for. */
    public static final double DEFAULT_MAX_RANGE_M = 30.0;

    public SimulatedVehicleConfig {
        requirePositive(maxSpeedMps, "maxSpeedMps");
        requirePositive(maxAccelerationMps2, "maxAccelerationMps2");
        requireNonNegative(idleDrainPerSecond, "idleDrainPerSecond");
        requireNonNegative(drainPerMetre, "drainPerMetre");
        requireNonNegative(positionNoiseStdDevM, "positionNoiseStdDevM");
        requirePositive(maxRangeM, "maxRangeM");
        if (rangeBeams < 1 || rangeBeams > 4096) {
            throw new IllegalArgumentException("rangeBeams must be 1..4096, got " + rangeBeams);
        }
    }

    /**
     * A small ground robot: 8 m/s, 3 m/s², a battery good for about 2 km or 2.7 hours standing, 0.2 m position
     * noise, 16 beams reaching 30 m.
     */
    public static SimulatedVehicleConfig defaults(long noiseSeed) {
        return new SimulatedVehicleConfig(8.0, 3.0, 1.0e-4, 5.0e-4, 0.2, 16, DEFAULT_MAX_RANGE_M, noiseSeed);
    }

    public SimulatedVehicleConfig withPositionNoise(double stdDevM) {
        return new SimulatedVehicleConfig(maxSpeedMps, maxAccelerationMps2, idleDrainPerSecond, drainPerMetre,
                stdDevM, rangeBeams, maxRangeM, noiseSeed);
    }

    public SimulatedVehicleConfig withBatteryDrain(double idlePerSecond, double perMetre) {
        return new SimulatedVehicleConfig(maxSpeedMps, maxAccelerationMps2, idlePerSecond, perMetre,
                positionNoiseStdDevM, rangeBeams, maxRangeM, noiseSeed);
    }

    private static void requirePositive(double value, String name) {
        if (!(value > 0.0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, got " + value);
        }
    }

    private static void requireNonNegative(double value, String name) {
        if (!(value >= 0.0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
        }
    }
}
