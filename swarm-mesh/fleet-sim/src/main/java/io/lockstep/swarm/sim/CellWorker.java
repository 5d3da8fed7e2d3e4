package io.lockstep.swarm.sim;

import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.vehicle.VehicleReadings;
import io.lockstep.swarm.cells.Cell;

/**
 * How a simulated node works one cell: the velocity to command this tick and whether the cell is done.
 * {@link SteeringCellWorker} flies to the cell and calls it done once the vehicle is inside. It drives the
 * built-in fleet runs (seed sweeps, benchmarks); a mission simulation instead lets the mission's own agents fly
 * and report cells covered, as on an edge node.
 */
public interface CellWorker {

    Vec2 steer(Cell cell, VehicleReadings readings);

    boolean done(Cell cell, VehicleReadings readings);
}
