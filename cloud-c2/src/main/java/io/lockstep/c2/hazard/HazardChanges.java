package io.lockstep.c2.hazard;

import java.util.List;

/**
 * What changed in the fleet's hazard set after a given change number: the hazards added or updated (latest
 * only) and the ids of those gone. {@code reset} means the caller fell further behind than the change log
 * keeps, so {@code upserts} holds the whole live set instead and the caller should replace what it has.
 */
public record HazardChanges(long lastSeq, boolean reset, List<FleetHazard> upserts, List<String> removed) {

    public boolean isEmpty() {
        return !reset && upserts.isEmpty() && removed.isEmpty();
    }
}
