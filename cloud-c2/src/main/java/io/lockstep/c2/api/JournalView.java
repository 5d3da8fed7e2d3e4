package io.lockstep.c2.api;

import io.lockstep.c2.journal.JournalRecord;
import io.lockstep.c2.journal.JournalState;
import java.time.Instant;

/** A journal's metadata as the REST API shows it. */
public record JournalView(String missionId, String nodeId, JournalState state, long sizeBytes, long receivedBytes,
        String sha256, Instant requestedAt, Instant offeredAt, Instant uploadedAt, int checksumFailures,
        String error, String download) {

    static JournalView of(JournalRecord r, long received) {
        return new JournalView(r.missionId(), r.nodeId(), r.state(), r.sizeBytes(), received, r.sha256(),
                r.requestedAt(), r.offeredAt(), r.uploadedAt(), r.checksumFailures(), r.error(),
                r.state() == JournalState.COMPLETE
                        ? "/api/v1/missions/" + r.missionId() + "/nodes/" + r.nodeId() + "/journal" : null);
    }
}
