package io.lockstep.c2.journal;

import java.time.Instant;

/**
 * The metadata C2 keeps in Redis for one journal (the bytes are in the {@link JournalStore}).
 *
 * @param sizeBytes        the size the node announced (0 before its offer)
 * @param sha256           the whole journal's SHA-256 the node announced (empty before its offer)
 * @param checksumFailures chunk or whole-journal checksum failures of this upload so far
 * @param error            why the last failure happened, empty when none
 */
public record JournalRecord(String missionId, String nodeId, JournalState state, long sizeBytes, String sha256,
        Instant requestedAt, Instant offeredAt, Instant uploadedAt, int checksumFailures, String error) {

    public JournalKey key() {
        return new JournalKey(missionId, nodeId);
    }

    public static JournalRecord requested(JournalKey key, Instant at) {
        return new JournalRecord(key.missionId(), key.nodeId(), JournalState.REQUESTED, 0, "", at, null, null, 0, "");
    }

    public JournalRecord offered(long size, String digest, Instant at) {
        return new JournalRecord(missionId, nodeId, JournalState.UPLOADING, size, digest, requestedAt, at, null, 0, "");
    }

    public JournalRecord completed(Instant at) {
        return new JournalRecord(missionId, nodeId, JournalState.COMPLETE, sizeBytes, sha256, requestedAt, offeredAt,
                at, checksumFailures, "");
    }

    public JournalRecord checksumFailed(String why) {
        return new JournalRecord(missionId, nodeId, state, sizeBytes, sha256, requestedAt, offeredAt, uploadedAt,
                checksumFailures + 1, why);
    }

    public JournalRecord inState(JournalState next, String why) {
        return new JournalRecord(missionId, nodeId, next, sizeBytes, sha256, requestedAt, offeredAt, uploadedAt,
                checksumFailures, why);
    }
}
