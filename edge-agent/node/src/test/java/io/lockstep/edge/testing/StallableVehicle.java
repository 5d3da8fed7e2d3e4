package io.lockstep.edge.testing;

import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.vehicle.Vehicle;
import io.lockstep.platform.vehicle.VehicleReadings;
import io.lockstep.platform.vehicle.VehicleState;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A vehicle whose sensor read can be made to hang, to stall the tick loop on purpose, and that counts its stops and can
 * run a hook inside each (to look at the rest of the system at that moment).
 */
public final class StallableVehicle implements Vehicle {

    private final Vehicle delegate;
    private volatile CountDownLatch stall;
    private final AtomicInteger stops = new AtomicInteger();
    private volatile Runnable beforeStop = () -> { };

    public StallableVehicle(Vehicle delegate) {
        this.delegate = delegate;
    }

    /** The next sensor read blocks until {@link #release()}. */
    public void stall() {
        stall = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch s = stall;
        stall = null;
        if (s != null) {
            s.countDown();
        }
    }

    /** Runs {@code hook} at the start of every later {@link #stop()}, on the stopping thread. */
    public void beforeEachStop(Runnable hook) {
        beforeStop = hook;
    }

    /** Calls of {@link #stop()} so far (e-stop, dead-man, mission end). */
    public int stops() {
        return stops.get();
    }

    @Override
    public String kind() {
        return delegate.kind();
    }

    @Override
    public VehicleReadings readSensors() {
        CountDownLatch s = stall;
        if (s != null) {
            try {
                s.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return delegate.readSensors();
    }

    @Override
    public void commandVelocity(Vec2 velocity) {
        delegate.commandVelocity(velocity);
    }

    @Override
    public void stop() {
        beforeStop.run();
        stops.incrementAndGet();
        delegate.stop();
    }

    @Override
    public VehicleState state() {
        return delegate.state();
    }

    @Override
    public void advance(double dtSeconds) {
        delegate.advance(dtSeconds);
    }
}
