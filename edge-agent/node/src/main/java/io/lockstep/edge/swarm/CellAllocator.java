package io.lockstep.edge.swarm;

import java.util.List;

/** Who owns each cell of a plan, given the members: a pure, deterministic function. */
@FunctionalInterface
public interface CellAllocator {

    /**
     * @param members the live members (a non-empty subset of the plan's nodes), in the plan's node order
     * @return for each cell, the index in {@code members} of its owner
     */
    int[] owners(CellMap map, List<String> members);
}
