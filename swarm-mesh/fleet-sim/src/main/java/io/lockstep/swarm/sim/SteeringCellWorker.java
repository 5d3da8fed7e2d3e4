package io.lockstep.swarm.sim;

import io.lockstep.platform.geometry.Polygon;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.vehicle.VehicleReadings;
import io.lockstep.swarm.cells.Cell;
import io.lockstep.swarm.cells.CellPlan;
import io.lockstep.swarm.cells.PointE7;
import java.util.ArrayList;
import java.util.List;

/**
 * Steers straight at the cell's centroid (speed capped, slowing on approach) and reports the cell done
 * on the first tick the vehicle's measured position is inside the cell polygon.
 */
public final class SteeringCellWorker implements CellWorker {

    private static final double APPROACH_GAIN = 1.0;

    private final double speedMps;
    private final Polygon[] polygons;
    private final Vec2[] centroids;

    public SteeringCellWorker(CellPlan plan, LocalFrame frame, double speedMps) {
        this.speedMps = speedMps;
        this.polygons = new Polygon[plan.size()];
        this.centroids = new Vec2[plan.size()];
        for (Cell cell : plan.cells()) {
            List<Vec2> vertices = new ArrayList<>();
            for (PointE7 p : cell.polygon()) {
                vertices.add(frame.toLocal(p));
            }
            polygons[cell.index()] = new Polygon(vertices);
            centroids[cell.index()] = frame.toLocal(cell.centroid());
        }
    }

    @Override
    public Vec2 steer(Cell cell, VehicleReadings readings) {
        Vec2 toTarget = centroids[cell.index()].minus(readings.position());
        double speed = Math.min(speedMps, APPROACH_GAIN * toTarget.length());
        double length = toTarget.length();
        return length < 1e-9 ? Vec2.ZERO : toTarget.times(speed / length);
    }

    @Override
    public boolean done(Cell cell, VehicleReadings readings) {
        return polygons[cell.index()].contains(readings.position());
    }
}
