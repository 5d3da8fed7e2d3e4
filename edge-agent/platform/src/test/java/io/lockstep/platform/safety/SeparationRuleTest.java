package io.lockstep.platform.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.platform.geometry.Polygon;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.sim.SimulatedVehicle;
import io.lockstep.platform.sim.SimulatedVehicleConfig;
import io.lockstep.platform.sim.TestWorlds;
import io.lockstep.platform.vehicle.VehicleReadings;
import io.lockstep.swarm.separation.PeerFix;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeparationRuleTest {

    private static final double DT = 0.02;

    @Test
    void aVehicleDrivingAtAStandingPeerStopsOutsideTheSafetyDistanceAndTheInterventionNamesThePeer() {
        SimulatedVehicle vehicle = new SimulatedVehicle(TestWorlds.empty(),
                SimulatedVehicleConfig.defaults(1).withPositionNoise(0));
        SafetySupervisor supervisor = new SafetySupervisor(vehicle, SafetyConfig.defaults(), Vec2.ZERO);
        Vec2 start = vehicle.readSensors().position();
        Vec2 peer = start.plus(new Vec2(25, 0));
        supervisor.setSeparationPeers(List.of(new PeerFix("node-7", peer.x(), peer.y(), 0, 0, 0, false)));
        double closest = Double.POSITIVE_INFINITY;
        for (long tick = 0; tick < 1_000; tick++) {
            VehicleReadings r = vehicle.readSensors();
            closest = Math.min(closest, r.position().distanceTo(peer));
            supervisor.apply(tick, new Vec2(8, 0), r, DT);
            vehicle.advance(DT);
        }
        assertTrue(closest >= supervisor.separationConfig().safetyDistanceM(), "came within " + closest);
        assertTrue(closest < 4.0, "stopped far too early: " + closest);
        Intervention first = supervisor.recentInterventions().get(0);
        assertEquals(InterventionKind.SEPARATION_HOLD, first.kind());
        assertTrue(first.detail().contains("node-7"), first.detail());
        supervisor.setSeparationPeers(List.of());
        assertEquals(new Vec2(8, 0), supervisor.apply(1_000, new Vec2(8, 0), vehicle.readSensors(), DT).velocity());
    }

    @Test
    void theGeofenceStillHasTheLastWordOverAStepAside() {
        SimulatedVehicle vehicle = new SimulatedVehicle(TestWorlds.empty(),
                SimulatedVehicleConfig.defaults(1).withPositionNoise(0));
        SafetySupervisor supervisor = new SafetySupervisor(vehicle, SafetyConfig.defaults(), Vec2.ZERO);
        Vec2 p = vehicle.readSensors().position();
        // a peer that goes first, 3.5 m east; stepping aside would go south (the right of heading east), where the
        // fence is right at the vehicle
        supervisor.setGeofence(new Polygon(List.of(p.plus(new Vec2(-50, 0)), p.plus(new Vec2(50, 0)),
                p.plus(new Vec2(50, 50)), p.plus(new Vec2(-50, 50)))));
        supervisor.setSeparationPeers(List.of(new PeerFix("node-1", p.x() + 3.5, p.y(), 0, 0, 0, true)));
        SupervisorDecision d = supervisor.apply(0, new Vec2(2, 0), vehicle.readSensors(), DT);
        assertTrue(d.velocity().y() > -1e-9, "left the fence: " + d.velocity());
        assertEquals(List.of(InterventionKind.SEPARATION_HOLD, InterventionKind.GEOFENCE_CLAMP),
                d.interventions().stream().map(Intervention::kind).toList());
    }
}
