package io.lockstep.platform.sim;

import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.vehicle.Vehicle;
import io.lockstep.platform.vehicle.VehicleReadings;
import io.lockstep.platform.vehicle.VehicleState;
import java.util.SplittableRandom;

/**
 * A point vehicle moving in a {@link World} with 2-D kinematics: the velocity follows the commanded velocity
 * within the speed limit, changing by at most {@code maxAccelerationMps2 * dt} per step. It cannot enter an
 * obstacle or leave the bounds: a step that would is cancelled and counted as a collision (the vehicle stops
 * where it was). An empty battery stops it.
 *
 * <p>The sensor noise comes from a {@link SplittableRandom} seeded from the config, so a run with the same
 * seed, start, commands and {@code dt} sequence gives the same readings. The simulator is outside the
 * deterministic core: the node journals what it reads as sensor frames.
 *
 * <p>Thread-safe: {@link #stop()} may come from the e-stop or dead-man's switch thread. The commanded velocity is one
 * immutable value written without the lock, and the range scan runs outside it, so a stop never waits for a physics
 * step or a sensor scan of another thread (on a busy machine, one preempted while holding the lock held a peer's
 * e-stop up to 40 ms; docs/hazards.md).
 */
public final class SimulatedVehicle implements Vehicle {

    private final World world;
    private final SimulatedVehicleConfig config;
    private final RangeSensor rangeSensor;
    private final SplittableRandom noise;
    private final Battery battery;

    private Vec2 position;
    private Vec2 velocity = Vec2.ZERO;
    private volatile Vec2 commanded = Vec2.ZERO;
    private long collisions;

    /** A vehicle at the world's base with a full battery. */
    public SimulatedVehicle(World world, SimulatedVehicleConfig config) {
        this(world, config, world.base(), 1.0);
    }

    /**
     * @throws IllegalArgumentException when {@code start} is outside the bounds or inside an obstacle
     */
    public SimulatedVehicle(World world, SimulatedVehicleConfig config, Vec2 start, double batteryFraction) {
        if (!start.isFinite() || !world.isFree(start)) {
            throw new IllegalArgumentException("start " + start + " is outside the world bounds or inside an obstacle");
        }
        this.world = world;
        this.config = config;
        this.rangeSensor = new RangeSensor(world, config.rangeBeams(), config.maxRangeM());
        this.noise = new SplittableRandom(config.noiseSeed());
        this.battery = new Battery(batteryFraction, config.idleDrainPerSecond(), config.drainPerMetre());
        this.position = start;
    }

    @Override
    public String kind() {
        return "simulated";
    }

    @Override
    public VehicleReadings readSensors() {
        Vec2 at;
        Vec2 measured;
        Vec2 moving;
        double charge;
        synchronized (this) {
            double sigma = config.positionNoiseStdDevM();
            at = position;
            measured = sigma == 0.0 ? position
                    : new Vec2(position.x() + sigma * noise.nextGaussian(), position.y() + sigma * noise.nextGaussian());
            moving = velocity;
            charge = battery.fraction();
        }
        // The world does not change: the scan needs only the position read above.
        return new VehicleReadings(measured, moving, charge, rangeSensor.scan(at));
    }

    @Override
    public void commandVelocity(Vec2 velocity) {
        if (!velocity.isFinite()) {
            throw new IllegalArgumentException("commanded velocity must be finite, got " + velocity);
        }
        this.commanded = velocity.limitedTo(config.maxSpeedMps());
    }

    @Override
    public void stop() {
        commanded = Vec2.ZERO;
    }

    @Override
    public synchronized VehicleState state() {
        return new VehicleState(position, velocity, battery.fraction(), commanded);
    }

    @Override
    public synchronized void advance(double dtSeconds) {
        if (!(dtSeconds > 0.0) || !Double.isFinite(dtSeconds)) {
            throw new IllegalArgumentException("dt must be a positive finite number of seconds, got " + dtSeconds);
        }
        Vec2 target = battery.isEmpty() ? Vec2.ZERO : commanded;
        Vec2 change = target.minus(velocity).limitedTo(config.maxAccelerationMps2() * dtSeconds);
        Vec2 nextVelocity = velocity.plus(change);
        // Trapezoidal integration: exact for constant acceleration within the step.
        Vec2 move = velocity.plus(nextVelocity).times(dtSeconds / 2.0);
        battery.drain(move.length() / dtSeconds, dtSeconds);
        if (blocked(move)) {
            collisions++;
            velocity = Vec2.ZERO;
            return;
        }
        position = position.plus(move);
        velocity = nextVelocity;
    }

    /** How many steps were cancelled because the vehicle would have hit an obstacle or a wall. */
    public synchronized long collisions() {
        return collisions;
    }

    public World world() {
        return world;
    }

    public SimulatedVehicleConfig config() {
        return config;
    }

    private boolean blocked(Vec2 move) {
        double length = move.length();
        if (length == 0.0) {
            return false;
        }
        if (!world.bounds().contains(position.plus(move))) {
            return true;
        }
        Vec2 direction = move.times(1.0 / length);
        // Checking the whole segment, not just its end, so a fast step cannot tunnel through a thin obstacle.
        return world.obstacles().stream()
                .anyMatch(obstacle -> obstacle.shape().distanceToEnter(position, direction) <= length);
    }
}
