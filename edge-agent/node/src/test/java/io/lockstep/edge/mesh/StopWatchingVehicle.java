package io.lockstep.edge.mesh;

import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.vehicle.Vehicle;
import io.lockstep.platform.vehicle.VehicleReadings;
import io.lockstep.platform.vehicle.VehicleState;

/** A vehicle that runs a hook each time it is stopped, then stops the vehicle it wraps. */
final class StopWatchingVehicle implements Vehicle {
    private final Vehicle vehicle;
    private final Runnable onStop;

    StopWatchingVehicle(Vehicle vehicle, Runnable onStop) {
        this.vehicle = vehicle;
        this.onStop = onStop;
    }

    @Override
    public String kind() {
        return vehicle.kind();
    }

    @Override
    public VehicleReadings readSensors() {
        return vehicle.readSensors();
    }

    @Override
    public void commandVelocity(Vec2 velocity) {
        vehicle.commandVelocity(velocity);
    }

    @Override
    public void stop() {
        onStop.run();
        vehicle.stop();
    }

    @Override
    public VehicleState state() {
        return vehicle.state();
    }

    @Override
    public void advance(double dtSeconds) {
        vehicle.advance(dtSeconds);
    }
}
