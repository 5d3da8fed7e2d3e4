package io.lockstep.platform.vehicle;

import io.lockstep.platform.geometry.Vec2;

/**
 * The vehicle hardware abstraction the node drives. All coordinates are in the mission's local metric frame
 * (x east, y north, metres; velocities in m/s).
 *
 * <p>The node's tick loop calls, once per tick and in this order: {@link #readSensors()}, then (through the
 * safety supervisor, never directly) {@link #commandVelocity(Vec2)}, then {@link #advance(double)}.
 * {@link #stop()} may be called from any thread at any time (e-stop, dead-man's switch).
 *
 * <h2>Real vehicles</h2>
 * <ul>
 *   <li><b>MAVLink</b> (PX4 / ArduPilot): {@code readSensors} assembles {@code LOCAL_POSITION_NED}
 *       (converted from north-east-down to east-north), {@code BATTERY_STATUS.battery_remaining} / 100 and
 *       {@code DISTANCE_SENSOR} or {@code OBSTACLE_DISTANCE} messages (72 sectors, resampled to the beam
 *       layout); {@code commandVelocity} sends {@code SET_POSITION_TARGET_LOCAL_NED} with the position bits
 *       masked out (velocity only) in OFFBOARD / GUIDED mode; {@code stop} sends a zero-velocity setpoint and
 *       then switches the autopilot to its hold/brake mode; {@code advance} re-sends the current setpoint,
 *       because autopilots leave offboard mode when setpoints stop arriving (PX4: below 2 Hz).</li>
 *   <li><b>ROS 2</b>: {@code readSensors} caches the latest {@code nav_msgs/Odometry}, {@code
 *       sensor_msgs/BatteryState.percentage} and {@code sensor_msgs/LaserScan} (resampled to the beam layout)
 *       from subscriptions; {@code commandVelocity} publishes a {@code geometry_msgs/Twist} (or {@code
 *       TwistStamped}) on {@code cmd_vel}, rotated into the robot's body frame; {@code stop} publishes a zero
 *       twist; {@code advance} re-publishes the last twist so the base controller's command timeout does not
 *       fire.</li>
 * </ul>
 * Either adapter converts from the autopilot's frame to the mission's local frame with the same frame origin
 * the mission uses.
 */
public interface Vehicle {

    /** A short name for the kind of vehicle, e.g. {@code "simulated"}; reported to C2 as the vehicle kind. */
    String kind();

    /** Samples the sensors now. */
    VehicleReadings readSensors();

    /**
     * Sets the velocity the vehicle should follow until the next command. The vehicle applies its own limits
     * (maximum speed and acceleration). Only the safety supervisor calls this.
     *
     * @throws IllegalArgumentException when a component is NaN or infinite
     */
    void commandVelocity(Vec2 velocity);

    /**
     * Commands zero velocity at once; the vehicle brakes as hard as it can. Safe to call from any thread, and must not
     * wait for a sensor read or a setpoint of the tick thread in progress: a peer's e-stop calls it from the mesh's
     * receive thread.
     */
    void stop();

    /** The vehicle's own, noise-free view of its condition. */
    VehicleState state();

    /**
     * Lets the vehicle move on by one tick of {@code dtSeconds}. The simulator integrates its physics over
     * exactly this step, so a run behaves the same whatever the wall-clock speed; real vehicles use it to
     * re-send the current setpoint (see the class documentation).
     *
     * @throws IllegalArgumentException when {@code dtSeconds} is not a positive finite number
     */
    void advance(double dtSeconds);
}
