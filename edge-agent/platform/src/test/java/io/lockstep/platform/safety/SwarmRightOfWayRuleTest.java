package io.lockstep.platform.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.platform.geometry.AxisAlignedRectangle;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.sim.SimulatedVehicle;
import io.lockstep.platform.sim.SimulatedVehicleConfig;
import io.lockstep.platform.sim.TestWorlds;
import io.lockstep.platform.vehicle.VehicleReadings;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwarmRightOfWayRuleTest {

    private static final double DT = 0.1;
    private static final AxisAlignedRectangle ZONE = new AxisAlignedRectangle(new Vec2(20, -5), new Vec2(30, 5));

    @Test
    void aHeldVehicleStopsShortOfTheZoneAndCanAlwaysMoveAway() {
        SimulatedVehicle vehicle = new SimulatedVehicle(TestWorlds.empty(),
                SimulatedVehicleConfig.defaults(1).withPositionNoise(0));
        SafetySupervisor supervisor = new SafetySupervisor(vehicle, SafetyConfig.defaults(), Vec2.ZERO);
        Vec2 start = vehicle.readSensors().position();
        AxisAlignedRectangle zone = new AxisAlignedRectangle(start.plus(ZONE.min()), start.plus(ZONE.max()));
        supervisor.setSwarmDirective(SwarmDirective.hold(List.of(zone), "node-2 has zone 7"));
        double furthest = 0;
        long tick = 0;
        for (; tick < 400; tick++) {
            VehicleReadings r = vehicle.readSensors();
            furthest = Math.max(furthest, r.position().x() - start.x());
            supervisor.apply(tick, new Vec2(5, 0), r, DT);
            vehicle.advance(DT);
        }
        assertTrue(furthest < 20.0, "entered the zone: x = " + furthest);
        assertTrue(furthest > 18.0, "held far too early: x = " + furthest);
        assertEquals(1L, supervisor.counts().get(InterventionKind.SWARM_YIELD), "one episode");
        SupervisorDecision away = supervisor.apply(tick, new Vec2(-3, 0), vehicle.readSensors(), DT);
        assertEquals(new Vec2(-3, 0), away.velocity());
        supervisor.setSwarmDirective(SwarmDirective.NONE);
        assertEquals(new Vec2(5, 0), supervisor.apply(tick + 1, new Vec2(5, 0), vehicle.readSensors(), DT).velocity());
    }

    @Test
    void retreatOverridesTheAgentsButTheEmergencyStopStillWins() {
        SimulatedVehicle vehicle = new SimulatedVehicle(TestWorlds.empty(),
                SimulatedVehicleConfig.defaults(1).withPositionNoise(0));
        SafetySupervisor supervisor = new SafetySupervisor(vehicle, SafetyConfig.defaults(), Vec2.ZERO);
        supervisor.setSwarmDirective(SwarmDirective.retreat(new Vec2(-1, 0), "cycle victim"));
        assertEquals(new Vec2(-1, 0), supervisor.apply(0, new Vec2(4, 0), vehicle.readSensors(), DT).velocity());
        supervisor.engageEmergencyStop(EstopSource.LOCAL_DEBUG_PORT, "test");
        assertEquals(Vec2.ZERO, supervisor.apply(1, new Vec2(4, 0), vehicle.readSensors(), DT).velocity());
    }

    @Test
    void distanceAlongARay() {
        assertEquals(20.0, SwarmRightOfWayRule.distanceAlong(ZONE, Vec2.ZERO, new Vec2(1, 0)), 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, SwarmRightOfWayRule.distanceAlong(ZONE, Vec2.ZERO, new Vec2(-1, 0)));
        assertEquals(Double.POSITIVE_INFINITY, SwarmRightOfWayRule.distanceAlong(ZONE, Vec2.ZERO, new Vec2(0, 1)));
        assertEquals(0.0, SwarmRightOfWayRule.distanceAlong(ZONE, new Vec2(21, 0), new Vec2(1, 0)));
        assertEquals(Double.POSITIVE_INFINITY, SwarmRightOfWayRule.distanceAlong(ZONE, new Vec2(29, 0), new Vec2(1, 0)));
    }
}
