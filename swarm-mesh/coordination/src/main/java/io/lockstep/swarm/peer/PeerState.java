package io.lockstep.swarm.peer;

import io.lockstep.swarm.allocation.Allocation;
import io.lockstep.swarm.allocation.MembershipView;
import io.lockstep.swarm.cells.CellPlan;
import io.lockstep.swarm.coverage.CoverageSet;
import java.util.Map;

/**
 * One node's coordination state, published as one immutable value: the plan, its membership view, the
 * completed set, the claims it knows (node to working cell), the resulting allocation, the cell this
 * node works on (-1 for none) and its drop counters.
 */
public record PeerState(String selfId, CellPlan plan, MembershipView view, CoverageSet completed,
                        Map<String, Integer> claims, Allocation allocation, int workingCell, DropCounters drops) {

    public PeerState {
        claims = Map.copyOf(claims);
    }
}
