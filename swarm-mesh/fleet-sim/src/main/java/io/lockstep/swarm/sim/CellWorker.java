package io.lockstep.swarm.sim;

import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.vehicle.VehicleReadings;
import io.lockstep.swarm.cells.Cell;

/**
 * How a simulated node works one cell: the velocity to command this tick and whether the cell is done.
 * {@link SteeringCellWorker} flies to the cell and calls it done once the vehicle is inside; a worker
 * backed by the survey agent (which learns its cell through the agent ABI) can replace it.
 */
public interface CellWorker {

    Vec2 steer(Cell cell, VehicleReadings readings);

    boolean done(Cell cell, VehicleReadings readings);
}
