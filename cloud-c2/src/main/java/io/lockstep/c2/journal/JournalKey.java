package io.lockstep.c2.journal;

import io.lockstep.c2.api.Ids;

/** One node's journal of one mission. Both ids are in the id grammar (safe as file names and key parts). */
public record JournalKey(String missionId, String nodeId) {

    public JournalKey {
        if (Ids.problem("mission id", missionId).isPresent() || Ids.problem("node id", nodeId).isPresent()) {
            throw new IllegalArgumentException("journal key outside the id grammar");
        }
    }

    @Override
    public String toString() {
        return "journal of node " + nodeId + " for mission " + missionId;
    }
}
