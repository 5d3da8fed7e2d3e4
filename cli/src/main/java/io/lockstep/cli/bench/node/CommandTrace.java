package io.lockstep.cli.bench.node;

import io.lockstep.platform.geometry.Polygon;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.safety.SafetyConfig;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.platform.sim.SimulatedVehicle;
import io.lockstep.platform.sim.SimulatedVehicleConfig;
import io.lockstep.platform.sim.World;
import io.lockstep.platform.vehicle.VehicleReadings;
import java.util.ArrayList;
import java.util.List;

/**
 * Realistic actuator commands for the supervisor micro-benchmark: the readings and velocity requests of a
 * simulated vehicle flying a lawnmower survey over a field of the demo world, starting at the world's base
 * outside the field (so the geofence's outside-the-fence branch runs too) and passing its obstacles.
 *
 * @param requested the velocity the survey asked for at each tick
 * @param readings the sensor readings at that tick
 * @param fence the surveyed field, the supervisor's geofence
 * @param overriddenTicks ticks at which the supervisor changed the request while the trace was recorded
 */
record CommandTrace(Vec2[] requested, VehicleReadings[] readings, Polygon fence, int overriddenTicks) {
    static final double TICK_SECONDS = 0.020;
    static final double SURVEY_SPEED_MPS = 6.0;
    static final double LANE_SPACING_M = 12.0;
    private static final double WAYPOINT_REACHED_M = 1.0;

    CommandTrace {
        if (requested.length == 0 || requested.length != readings.length) {
            throw new IllegalArgumentException("a trace needs as many requests as readings, and at least one");
        }
    }

    int length() {
        return requested.length;
    }

    /** The share of commands a supervisor rule acted on: how much of the supervisor's slow path the trace runs. */
    double overriddenShare() {
        return (double) overriddenTicks / requested.length;
    }

    /**
     * Flies the survey of a {@code widthM} x {@code heightM} field (south-west corner at the origin) for
     * {@code ticks} ticks through a real supervisor, recording what it was asked and what it read.
     */
    static CommandTrace survey(World world, double widthM, double heightM, int ticks) {
        if (ticks < 1) {
            throw new IllegalArgumentException("ticks must be >= 1, got " + ticks);
        }
        Polygon field = new Polygon(List.of(new Vec2(0, 0), new Vec2(widthM, 0), new Vec2(widthM, heightM),
                new Vec2(0, heightM)));
        List<Vec2> waypoints = lawnmower(widthM, heightM);
        SimulatedVehicle vehicle = new SimulatedVehicle(world, SimulatedVehicleConfig.defaults(7));
        SafetySupervisor supervisor = new SafetySupervisor(vehicle, SafetyConfig.defaults(), world.base());
        supervisor.setGeofence(field);
        Vec2[] requested = new Vec2[ticks];
        VehicleReadings[] readings = new VehicleReadings[ticks];
        int next = 0;
        int overridden = 0;
        for (int tick = 0; tick < ticks; tick++) {
            VehicleReadings now = vehicle.readSensors();
            if (now.position().distanceTo(waypoints.get(next)) < WAYPOINT_REACHED_M) {
                next = (next + 1) % waypoints.size();
            }
            Vec2 toWaypoint = waypoints.get(next).minus(now.position());
            Vec2 request = toWaypoint.length() == 0.0 ? Vec2.ZERO : toWaypoint.normalized().times(SURVEY_SPEED_MPS);
            requested[tick] = request;
            readings[tick] = now;
            if (supervisor.apply(tick, request, now, TICK_SECONDS).overridden()) {
                overridden++;
            }
            vehicle.advance(TICK_SECONDS);
        }
        return new CommandTrace(requested, readings, field, overridden);
    }

    /**
     * East-west lanes {@link #LANE_SPACING_M} apart, turning half a spacing in from the field's edges as a survey
     * does (a lane ending on the boundary would have the geofence brake the vehicle at every turn).
     */
    private static List<Vec2> lawnmower(double widthM, double heightM) {
        List<Vec2> points = new ArrayList<>();
        double inset = Math.min(LANE_SPACING_M / 2, widthM / 4);
        boolean eastward = true;
        for (double y = Math.min(LANE_SPACING_M / 2, heightM / 2); y < heightM; y += LANE_SPACING_M) {
            points.add(new Vec2(eastward ? inset : widthM - inset, y));
            points.add(new Vec2(eastward ? widthM - inset : inset, y));
            eastward = !eastward;
        }
        return points;
    }
}
