package io.lockstep.swarm.cells;

import java.util.List;

/**
 * One unit of work: index {@code index} in its plan's order, the grid square it came from clipped to
 * the mission area ({@code polygon}, counter-clockwise or as clipped, at least 3 vertices) and the
 * area centroid of that polygon, all in E7 integers.
 */
public record Cell(int index, List<PointE7> polygon, PointE7 centroid) {

    public Cell {
        if (index < 0) {
            throw new IllegalArgumentException("cell index must not be negative");
        }
        polygon = List.copyOf(polygon);
        if (polygon.size() < 3) {
            throw new IllegalArgumentException("a cell polygon needs at least 3 vertices");
        }
        if (centroid == null) {
            throw new IllegalArgumentException("cell centroid missing");
        }
    }
}
