package io.lockstep.cli.agent;

import io.lockstep.platform.geometry.Polygon;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.safety.SafetyConfig;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.platform.safety.SupervisorDecision;
import io.lockstep.platform.sim.SimulatedVehicle;
import io.lockstep.platform.sim.SimulatedVehicleConfig;
import io.lockstep.platform.sim.World;
import io.lockstep.platform.vehicle.VehicleReadings;
import io.lockstep.runtime.MissionRuntime;
import io.lockstep.runtime.SensorFrame;
import io.lockstep.runtime.TickInputs;
import io.lockstep.runtime.TickResult;
import java.util.List;

/**
 * The node's tick loop without a node: each tick reads the simulated vehicle's sensors into a sensor frame,
 * runs the agents, passes their velocity request through the safety supervisor (geofenced to the area) to
 * the vehicle and advances it by one period of simulated time. Nothing waits on the wall clock, so a run is
 * as fast as the agents allow and the same every time.
 */
final class SimulatedMission {
    private final MissionRuntime runtime;
    private final SimulatedVehicle vehicle;
    private final SafetySupervisor supervisor;
    private final double dtSeconds;
    private boolean intervenedLastTick;

    /** What one tick did, for the progress line. */
    record Step(TickResult result, VehicleReadings readings, SupervisorDecision decision) {
    }

    SimulatedMission(MissionRuntime runtime, World world, double[] area, double dtSeconds) {
        this.runtime = runtime;
        this.dtSeconds = dtSeconds;
        this.vehicle = new SimulatedVehicle(world, SimulatedVehicleConfig.defaults(1), world.base(), 1.0);
        this.supervisor = new SafetySupervisor(vehicle, SafetyConfig.defaults(), world.base());
        supervisor.setGeofence(polygon(area));
    }

    static Polygon polygon(double[] pairs) {
        Vec2[] vertices = new Vec2[pairs.length / 2];
        for (int i = 0; i < vertices.length; i++) {
            vertices[i] = new Vec2(pairs[2 * i], pairs[2 * i + 1]);
        }
        return new Polygon(List.of(vertices));
    }

    Step tick() {
        VehicleReadings readings = vehicle.readSensors();
        int flags = (supervisor.isEmergencyStopLatched() ? SensorFrame.FLAG_ESTOP_LATCHED : 0)
                | (intervenedLastTick ? SensorFrame.FLAG_SUPERVISOR_INTERVENED : 0);
        SensorFrame frame = new SensorFrame(runtime.currentTick() + 1, readings.position().x(),
                readings.position().y(), readings.velocity().x(), readings.velocity().y(),
                readings.batteryFraction(), flags, readings.ranges());
        TickResult result = runtime.tick(TickInputs.builder().sensorFrame(frame.encode()).build());
        Vec2 requested = result.velocityCommand().map(v -> new Vec2(v.vx(), v.vy())).orElse(Vec2.ZERO);
        SupervisorDecision decision = supervisor.apply(result.tick(), requested, readings, dtSeconds);
        intervenedLastTick = decision.overridden();
        vehicle.advance(dtSeconds);
        return new Step(result, readings, decision);
    }

    long collisions() {
        return vehicle.collisions();
    }

    SafetySupervisor supervisor() {
        return supervisor;
    }
}
