package io.lockstep.platform.vehicle;

import io.lockstep.platform.geometry.Vec2;

/**
 * What the vehicle itself reports about its condition, without sensor noise: for the simulator the exact
 * physical state, for a real vehicle the autopilot's own estimate.
 *
 * @param position position in the local frame, metres
 * @param velocity velocity, m/s
 * @param batteryFraction remaining battery, 0..1
 * @param commandedVelocity the velocity setpoint the vehicle is currently following, m/s
 */
public record VehicleState(Vec2 position, Vec2 velocity, double batteryFraction, Vec2 commandedVelocity) {
}
