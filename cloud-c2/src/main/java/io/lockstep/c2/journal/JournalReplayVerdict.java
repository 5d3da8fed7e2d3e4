package io.lockstep.c2.journal;

import io.lockstep.runtime.ReplayReport;

/**
 * What a replay on C2 found: {@code fingerprintsMatch} when every re-executed tick matched its journaled
 * fingerprint; else {@code firstDivergentTick} (0 is init), the agent and what differed.
 */
public record JournalReplayVerdict(String missionId, String nodeId, String sha256, boolean fingerprintsMatch,
        long startTick, long lastVerifiedTick, Long firstDivergentTick, String agent, String detail,
        Long unfinishedTick, long tornBytes) {

    static JournalReplayVerdict of(JournalRecord journal, ReplayReport r) {
        return new JournalReplayVerdict(journal.missionId(), journal.nodeId(), journal.sha256(), r.ok(), r.startTick(),
                r.lastVerifiedTick(), r.firstDivergentTick() < 0 ? null : r.firstDivergentTick(), r.agent(),
                r.detail(), r.unfinishedTick() < 0 ? null : r.unfinishedTick(), r.tornBytes());
    }
}
