package io.lockstep.platform.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.vehicle.VehicleReadings;
import io.lockstep.platform.vehicle.VehicleState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedVehicleTest {

    private static final double DT = 0.02;

    private static SimulatedVehicleConfig noiseless() {
        return SimulatedVehicleConfig.defaults(1).withPositionNoise(0.0);
    }

    @Test
    void accelerationIsLimited() {
        SimulatedVehicle vehicle = new SimulatedVehicle(TestWorlds.empty(), noiseless());
        vehicle.commandVelocity(new Vec2(5, 0));
        vehicle.advance(DT);
        assertEquals(3.0 * DT, vehicle.state().velocity().x(), 1e-12, "3 m/s² for one 20 ms step");
        for (int i = 0; i < 200; i++) {
            vehicle.advance(DT);
        }
        assertEquals(5.0, vehicle.state().velocity().x(), 1e-9);
    }

    @Test
    void speedIsLimited() {
        SimulatedVehicle vehicle = new SimulatedVehicle(TestWorlds.empty(), noiseless());
        vehicle.commandVelocity(new Vec2(30, 40));
        assertEquals(8.0, vehicle.state().commandedVelocity().length(), 1e-9);
    }

    @Test
    void integratesPositionExactlyUnderConstantAcceleration() {
        SimulatedVehicle vehicle = new SimulatedVehicle(TestWorlds.empty(), noiseless());
        vehicle.commandVelocity(new Vec2(0, 6));
        for (int i = 0; i < 50; i++) {
            vehicle.advance(DT);
        }
        // One second at 3 m/s²: v = 3 m/s, s = a t² / 2 = 1.5 m.
        assertEquals(3.0, vehicle.state().velocity().y(), 1e-9);
        assertEquals(51.5, vehicle.state().position().y(), 1e-9);
    }

    @Test
    void batteryDrainsWithTimeAndDistance() {
        SimulatedVehicleConfig config = noiseless().withBatteryDrain(0.001, 0.01);
        SimulatedVehicle standing = new SimulatedVehicle(TestWorlds.empty(), config);
        SimulatedVehicle moving = new SimulatedVehicle(TestWorlds.empty(), config);
        moving.commandVelocity(new Vec2(2, 0));
        for (int i = 0; i < 500; i++) {
            standing.advance(DT);
            moving.advance(DT);
        }
        assertEquals(1.0 - 0.001 * 10, standing.state().batteryFraction(), 1e-9);
        double travelled = moving.state().position().x() - 50;
        assertEquals(1.0 - 0.001 * 10 - 0.01 * travelled, moving.state().batteryFraction(), 1e-9);
    }

    @Test
    void emptyBatteryStopsTheVehicle() {
        SimulatedVehicle vehicle = new SimulatedVehicle(TestWorlds.empty(), noiseless().withBatteryDrain(0.5, 0),
                new Vec2(50, 50), 0.01);
        vehicle.commandVelocity(new Vec2(1, 0));
        for (int i = 0; i < 200; i++) {
            vehicle.advance(DT);
        }
        assertEquals(0.0, vehicle.state().batteryFraction());
        assertEquals(Vec2.ZERO, vehicle.state().velocity());
    }

    @Test
    void cannotDriveIntoAnObstacle() {
        SimulatedVehicle vehicle = new SimulatedVehicle(TestWorlds.withPillar(), noiseless(), new Vec2(50, 50), 1.0);
        vehicle.commandVelocity(new Vec2(8, 0));
        for (int i = 0; i < 500; i++) {
            vehicle.advance(DT);
        }
        VehicleState state = vehicle.state();
        assertTrue(state.position().x() < 58.0, "stays outside the pillar: " + state.position());
        assertTrue(vehicle.collisions() > 0);
        assertEquals(Vec2.ZERO, state.velocity());
    }

    @Test
    void sameSeedGivesTheSameNoisyReadings() {
        List<VehicleReadings> first = drive(new SimulatedVehicle(TestWorlds.empty(), SimulatedVehicleConfig.defaults(42)));
        List<VehicleReadings> second = drive(new SimulatedVehicle(TestWorlds.empty(), SimulatedVehicleConfig.defaults(42)));
        List<VehicleReadings> other = drive(new SimulatedVehicle(TestWorlds.empty(), SimulatedVehicleConfig.defaults(43)));
        assertEquals(first, second);
        assertNotEquals(first, other);
    }

    @Test
    void positionNoiseHasTheConfiguredSpread() {
        SimulatedVehicle vehicle = new SimulatedVehicle(TestWorlds.empty(), SimulatedVehicleConfig.defaults(7));
        double sumSquares = 0;
        int samples = 4000;
        for (int i = 0; i < samples; i++) {
            sumSquares += Math.pow(vehicle.readSensors().position().x() - 50, 2);
        }
        assertEquals(0.2, Math.sqrt(sumSquares / samples), 0.02);
    }

    @Test
    void readingsCarryBeamsOfTheConfiguredCount() {
        VehicleReadings readings = new SimulatedVehicle(TestWorlds.withPillar(), noiseless(), new Vec2(50, 50), 1.0)
                .readSensors();
        assertEquals(16, readings.rangeCount());
        assertEquals(8.0, readings.range(0), 1e-9);
    }

    @Test
    void rejectsBadStartsCommandsAndSteps() {
        assertThrows(IllegalArgumentException.class,
                () -> new SimulatedVehicle(TestWorlds.withPillar(), noiseless(), new Vec2(60, 50), 1.0));
        assertThrows(IllegalArgumentException.class,
                () -> new SimulatedVehicle(TestWorlds.empty(), noiseless(), new Vec2(-1, 50), 1.0));
        SimulatedVehicle vehicle = new SimulatedVehicle(TestWorlds.empty(), noiseless());
        assertThrows(IllegalArgumentException.class, () -> vehicle.commandVelocity(new Vec2(Double.NaN, 0)));
        assertThrows(IllegalArgumentException.class, () -> vehicle.advance(0));
        assertThrows(IllegalArgumentException.class, () -> vehicle.advance(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new SimulatedVehicleConfig(0, 3, 0, 0, 0, 8, 30, 1));
    }

    @Test
    void pausesBetweenTicksDoNotChangeTheRun() throws InterruptedException {
        SimulatedVehicle steady = new SimulatedVehicle(TestWorlds.withPillar(), SimulatedVehicleConfig.defaults(9));
        SimulatedVehicle stalled = new SimulatedVehicle(TestWorlds.withPillar(), SimulatedVehicleConfig.defaults(9));
        for (int i = 0; i < 300; i++) {
            Vec2 command = new Vec2(4 * Math.cos(i / 40.0), 4 * Math.sin(i / 40.0));
            assertEquals(steady.readSensors(), stalled.readSensors(), "tick " + i);
            steady.commandVelocity(command);
            stalled.commandVelocity(command);
            if (i % 100 == 0) {
                Thread.sleep(30); // a slow tick on the wall clock: the step is still exactly DT
            }
            steady.advance(DT);
            stalled.advance(DT);
        }
        assertEquals(steady.state(), stalled.state());
    }

    private static List<VehicleReadings> drive(SimulatedVehicle vehicle) {
        List<VehicleReadings> readings = new ArrayList<>();
        vehicle.commandVelocity(new Vec2(3, 1));
        for (int i = 0; i < 100; i++) {
            readings.add(vehicle.readSensors());
            vehicle.advance(DT);
        }
        return readings;
    }
}
