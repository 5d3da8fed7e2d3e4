package io.lockstep.platform.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.sim.SimulatedVehicle;
import io.lockstep.platform.sim.SimulatedVehicleConfig;
import io.lockstep.platform.sim.TestWorlds;
import io.lockstep.platform.vehicle.VehicleReadings;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Peers' hazards as keep-out zones, and the override order safety > swarm > mission. */
class HazardKeepOutTest {

    private static final double DT = 0.02;
    private static final KeepOutZone ZONE = new KeepOutZone(new Vec2(50, 50), 5, "hazard peer/1");

    private SimulatedVehicle vehicle;
    private SafetySupervisor supervisor;

    @BeforeEach
    void setUp() {
        vehicle = new SimulatedVehicle(TestWorlds.empty(), SimulatedVehicleConfig.defaults(1).withPositionNoise(0));
        supervisor = new SafetySupervisor(vehicle, SafetyConfig.defaults(), new Vec2(0, 0));
        supervisor.setKeepOutZones(() -> List.of(ZONE));
    }

    private static VehicleReadings at(Vec2 position, double... ranges) {
        double[] beams = ranges;
        if (beams.length == 0) {
            beams = new double[16];
            Arrays.fill(beams, Double.POSITIVE_INFINITY);
        }
        return new VehicleReadings(position, Vec2.ZERO, 1.0, beams);
    }

    @Test
    void aCommandIntoAZoneIsSlowedToStopAtItsEdge() {
        // 1 m west of the zone's edge, asking for 5 m/s east (straight at it).
        SupervisorDecision d = supervisor.apply(3, new Vec2(5, 0), at(new Vec2(44, 50)), DT);
        double allowed = d.velocity().x();
        assertTrue(allowed > 0 && allowed < 5, "slowed: " + allowed);
        double stopping = allowed * DT + allowed * allowed / (2 * 3.0);
        assertEquals(1.0 - HazardKeepOut.EDGE_MARGIN_M, stopping, 1e-9);
        assertEquals(InterventionKind.HAZARD_KEEP_OUT, d.interventions().get(0).kind());
        assertTrue(d.interventions().get(0).detail().contains("hazard peer/1"));
        assertEquals(1L, supervisor.counts().get(InterventionKind.HAZARD_KEEP_OUT));
    }

    @Test
    void movingAlongOrAwayPassesAndASlantedCommandSlidesAround() {
        assertFalse(supervisor.apply(1, new Vec2(-3, 0), at(new Vec2(44, 50)), DT).overridden());
        assertFalse(supervisor.apply(2, new Vec2(0, 3), at(new Vec2(44.5, 50)), DT).overridden());
        SupervisorDecision slanted = supervisor.apply(3, new Vec2(3, 3), at(new Vec2(44.9, 50)), DT);
        assertTrue(slanted.overridden());
        assertEquals(3.0, slanted.velocity().y(), 1e-9, "the part along the edge passes");
        assertTrue(slanted.velocity().x() < 3.0);
    }

    @Test
    void insideAZoneOnlyMovingOutIsAllowed() {
        SupervisorDecision in = supervisor.apply(1, new Vec2(2, 0), at(new Vec2(47, 50)), DT);
        assertEquals(0.0, in.velocity().x(), 1e-12);
        assertFalse(supervisor.apply(2, new Vec2(-2, 0), at(new Vec2(47, 50)), DT).overridden());
    }

    @Test
    void aVehicleDrivenAtAZoneNeverEntersIt() {
        vehicle = new SimulatedVehicle(TestWorlds.empty(), SimulatedVehicleConfig.defaults(1).withPositionNoise(0));
        supervisor = new SafetySupervisor(vehicle, SafetyConfig.defaults(), new Vec2(0, 0));
        KeepOutZone zone = new KeepOutZone(vehicle.readSensors().position().plus(new Vec2(20, 0.3)), 4, "z");
        supervisor.setKeepOutZones(() -> List.of(zone));
        for (int tick = 1; tick <= 1500; tick++) {
            VehicleReadings r = vehicle.readSensors();
            assertFalse(zone.contains(r.position()), "entered the zone at tick " + tick + ": " + r.position());
            supervisor.apply(tick, new Vec2(4, 0), r, DT);
            vehicle.advance(DT);
        }
        assertTrue(vehicle.readSensors().position().x() > zone.centre().x() + 4,
                "slid around the zone and went on: " + vehicle.readSensors().position());
    }

    @Test
    void ownSensorsOverrideAPeersHazardAndTheEstopOverridesEverything() {
        // Safety > swarm: the zone would allow 2 m/s east at 44 (1 m from its edge, slanted), but an obstacle
        // 0.4 m ahead (inside the stop distance) stops the vehicle.
        double[] ranges = new double[16];
        Arrays.fill(ranges, Double.POSITIVE_INFINITY);
        ranges[0] = 0.4; // beam 0 points east
        SupervisorDecision d = supervisor.apply(1, new Vec2(0.1, 0), at(new Vec2(40, 50), ranges), DT);
        assertEquals(Vec2.ZERO, d.velocity());
        assertEquals(InterventionKind.OBSTACLE_STOP, d.interventions().get(d.interventions().size() - 1).kind());
        // Swarm > mission: the agents' 5 m/s into the zone is limited.
        assertTrue(supervisor.apply(2, new Vec2(5, 0), at(new Vec2(44, 50)), DT).velocity().x() < 5);
        supervisor.engageEmergencyStop(EstopSource.MESH, "peer");
        assertEquals(Vec2.ZERO, supervisor.apply(3, new Vec2(-5, 0), at(new Vec2(44, 50)), DT).velocity());
    }
}
