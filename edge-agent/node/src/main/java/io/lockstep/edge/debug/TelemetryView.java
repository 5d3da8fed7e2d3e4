package io.lockstep.edge.debug;

import io.lockstep.platform.vehicle.VehicleState;
import io.lockstep.runtime.SensorFrame;

/**
 * {@code GET /debug/v1/telemetry}: what the vehicle reports about itself now, and the sensor frame the agents
 * saw at the last tick.
 *
 * @param missionId the running mission, empty when none
 * @param vehicle the vehicle's own noise-free state now
 * @param lastFrame the sensor frame fed to the agents at the last tick; null when no mission has ticked
 * @param emergencyStopLatched whether the e-stop is latched
 * @param returningToBase whether the supervisor is steering home
 * @param manualOverride the manual override in effect; null when the agents drive
 */
public record TelemetryView(String missionId, VehicleView vehicle, FrameView lastFrame, boolean emergencyStopLatched,
        boolean returningToBase, OverrideView manualOverride) {

    /** The vehicle's state: position and velocity in the local frame (metres east/north), battery 0..1. */
    public record VehicleView(double xM, double yM, double vxMps, double vyMps, double batteryFraction,
            double commandedVxMps, double commandedVyMps) {
        static VehicleView of(VehicleState s) {
            return new VehicleView(s.position().x(), s.position().y(), s.velocity().x(), s.velocity().y(),
                    s.batteryFraction(), s.commandedVelocity().x(), s.commandedVelocity().y());
        }
    }

    /** A sensor frame as the agents read it (docs/agent-abi.md); ranges are metres, "Infinity" when clear. */
    public record FrameView(long tick, double xM, double yM, double vxMps, double vyMps, double batteryFraction,
            int flags, double[] ranges) {
        static FrameView of(SensorFrame f) {
            return new FrameView(f.tick(), f.xM(), f.yM(), f.vxMps(), f.vyMps(), f.batteryFraction(), f.flags(),
                    f.ranges());
        }
    }
}
