package io.lockstep.platform.vehicle;

import io.lockstep.platform.geometry.Vec2;
import io.lockstep.runtime.SensorFrame;
import java.util.Arrays;

/**
 * One sample of a vehicle's sensors, in the local metric frame (x east, y north).
 *
 * <p>Range beam {@code i} of {@code N} points at angle {@code 2*pi*i/N} counter-clockwise from east, the same
 * convention as the agent ABI sensor frame; {@code +Infinity} means nothing within the sensor's maximum range.
 *
 * @param position measured position, metres (carries the position sensor's noise)
 * @param velocity measured velocity, m/s
 * @param batteryFraction remaining battery, 0..1
 * @param ranges range beam readings, metres (copied on the way in and out)
 */
public record VehicleReadings(Vec2 position, Vec2 velocity, double batteryFraction, double[] ranges) {

    public VehicleReadings {
        if (!position.isFinite() || !velocity.isFinite()) {
            throw new IllegalArgumentException("position and velocity must be finite: " + position + ", " + velocity);
        }
        if (!(batteryFraction >= 0.0 && batteryFraction <= 1.0)) {
            throw new IllegalArgumentException("battery fraction must be within 0..1, got " + batteryFraction);
        }
        ranges = ranges.clone();
        for (double range : ranges) {
            if (Double.isNaN(range) || range < 0.0) {
                throw new IllegalArgumentException("ranges must be >= 0 or +Infinity, got " + range);
            }
        }
    }

    @Override
    public double[] ranges() {
        return ranges.clone();
    }

    public int rangeCount() {
        return ranges.length;
    }

    public double range(int beam) {
        return ranges[beam];
    }

    /** The direction beam {@code beam} points at, radians counter-clockwise from east. */
    public double beamAngle(int beam) {
        return 2.0 * Math.PI * beam / ranges.length;
    }

    /**
     * These readings as the agent ABI sensor frame of {@code tick}.
     *
     * @param flags the frame's flag bits ({@code SensorFrame.FLAG_*}: e-stop latched, link up, supervisor
     *        intervened last tick), which the node knows and the vehicle does not
     */
    public SensorFrame toSensorFrame(long tick, int flags) {
        return new SensorFrame(tick, position.x(), position.y(), velocity.x(), velocity.y(), batteryFraction, flags,
                ranges);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VehicleReadings that
                && position.equals(that.position)
                && velocity.equals(that.velocity)
                && Double.compare(batteryFraction, that.batteryFraction) == 0
                && Arrays.equals(ranges, that.ranges);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * position.hashCode() + velocity.hashCode()) + Double.hashCode(batteryFraction))
                + Arrays.hashCode(ranges);
    }

    @Override
    public String toString() {
        return "VehicleReadings[position=" + position + ", velocity=" + velocity + ", battery=" + batteryFraction
                + ", ranges=" + Arrays.toString(ranges) + "]";
    }
}
