package io.lockstep.swarm.coverage;

import io.lockstep.swarm.allocation.NodeIds;

/**
 * What a node publishes on the coverage key: its completed set and the cell it is working on
 * ({@code workingCell}, -1 for none), which other nodes feed to the allocator as its claim.
 */
public record CoverageMessage(String senderId, int workingCell, CoverageSet coverage) {

    public CoverageMessage {
        NodeIds.require(senderId);
        if (workingCell < -1 || workingCell >= coverage.cellCount()) {
            throw new IllegalArgumentException("working cell " + workingCell + " outside the plan");
        }
    }
}
