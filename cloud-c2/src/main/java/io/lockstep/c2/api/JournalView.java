package io.lockstep.c2.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.lockstep.c2.journal.JournalRecord;
import io.lockstep.c2.journal.JournalState;
import java.time.Instant;

/** A journal's metadata as the REST API shows it. */
@Schema(example = "{\"missionId\": \"0b5e7c1a-6a3f-4f0e-9d7b-2c1e4a8f3b21\", \"nodeId\": \"node-1\", \"state\": \"COMPLETE\", \"sizeBytes\": 21474836, \"receivedBytes\": 21474836, \"sha256\": \"9f2c4e7a1b3d5f6e8a0c2e4f6a8b0d2e4f6a8c0e2f4a6b8d0f2a4c6e8b0d2f4a\", \"requestedAt\": \"2030-01-01T09:00:00Z\", \"offeredAt\": \"2030-01-01T09:00:01Z\", \"uploadedAt\": \"2030-01-01T09:00:09Z\", \"checksumFailures\": 0, \"error\": \"\", \"download\": \"/api/v1/missions/0b5e7c1a-6a3f-4f0e-9d7b-2c1e4a8f3b21/nodes/node-1/journal\"}")
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
