package io.lockstep.c2.journal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.lockstep.runtime.ReplayReport;

/**
 * What a replay on C2 found: {@code fingerprintsMatch} when every re-executed tick matched its journaled
 * fingerprint; else {@code firstDivergentTick} (0 is init), the agent and what differed.
 */
@Schema(example = "{\"missionId\": \"0b5e7c1a-6a3f-4f0e-9d7b-2c1e4a8f3b21\", \"nodeId\": \"node-1\", \"sha256\": \"9f2c4e7a1b3d5f6e8a0c2e4f6a8b0d2e4f6a8c0e2f4a6b8d0f2a4c6e8b0d2f4a\", \"fingerprintsMatch\": true, \"startTick\": 0, \"lastVerifiedTick\": 12194, \"firstDivergentTick\": null, \"agent\": null, \"detail\": \"verified 12194 ticks\", \"unfinishedTick\": null, \"tornBytes\": 0}")
public record JournalReplayVerdict(String missionId, String nodeId, String sha256, boolean fingerprintsMatch,
        long startTick, long lastVerifiedTick, Long firstDivergentTick, String agent, String detail,
        Long unfinishedTick, long tornBytes) {

    static JournalReplayVerdict of(JournalRecord journal, ReplayReport r) {
        return new JournalReplayVerdict(journal.missionId(), journal.nodeId(), journal.sha256(), r.ok(), r.startTick(),
                r.lastVerifiedTick(), r.firstDivergentTick() < 0 ? null : r.firstDivergentTick(), r.agent(),
                r.detail(), r.unfinishedTick() < 0 ? null : r.unfinishedTick(), r.tornBytes());
    }
}
