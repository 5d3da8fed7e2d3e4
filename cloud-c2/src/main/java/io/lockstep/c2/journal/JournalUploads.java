package io.lockstep.c2.journal;

import io.lockstep.c2.api.Ids;
import io.lockstep.c2.api.LogText;
import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.mission.MissionRecord;
import io.lockstep.c2.mission.MissionService;
import io.lockstep.c2.mission.UnknownMissionException;
import io.lockstep.c2.module.Sha256;
import io.lockstep.proto.v1.JournalUploadAck;
import io.lockstep.proto.v1.JournalUploadChunk;
import io.lockstep.proto.v1.JournalUploadOffer;
import io.lockstep.proto.v1.JournalUploadState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * C2's side of the journal upload protocol (docs/journal-upload.md): takes a node's offers and chunks,
 * appends each accepted chunk straight to the {@link JournalStore} (nothing is held in memory beyond the
 * one chunk the link already decoded), and answers every message with the offset it durably holds, so a
 * node whose link dropped resumes right there. Refuses, with a reason, whatever does not fit: journals of
 * missions the node was not part of, chunks out of order or overlapping, more bytes than announced, too
 * many uploads of one node at once, chunks or journals whose SHA-256 does not match.
 */
@ApplicationScoped
public class JournalUploads {

    private static final Logger LOG = Logger.getLogger(JournalUploads.class);
    /** An upload silent this long no longer counts against its node's concurrent uploads. */
    static final Duration IDLE = Duration.ofMinutes(5);

    private final JournalStore store;
    private final JournalIndex index;
    private final MissionService missions;
    private final JournalSettings settings;
    private final Clock clock;
    /** Node id → mission id → last chunk or offer, for uploads in progress. */
    private final Map<String, Map<String, Instant>> active = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public JournalUploads(JournalStore store, JournalIndex index, MissionService missions, C2Config config,
            Clock clock) {
        this.store = store;
        this.index = index;
        this.missions = missions;
        this.settings = config.journals();
        this.clock = clock;
    }

    /** True when {@code nodeId} had a share of {@code mission}. */
    public static boolean partOf(MissionRecord mission, String nodeId) {
        return mission.shares().stream().anyMatch(share -> share.nodeId().equals(nodeId));
    }

    /**
     * Deletes every journal of an archived mission, bytes and metadata, whatever its state (an upload in
     * progress is cut: its next chunk is refused, since the index no longer knows it).
     *
     * @param nodeIds the mission's nodes; nodes with journal metadata for it are added
     * @return the nodes whose journal was deleted
     */
    public Set<String> deleteMission(String missionId, java.util.Collection<String> nodeIds) {
        Set<String> nodes = new java.util.TreeSet<>(nodeIds);
        nodes.addAll(index.nodesOf(missionId));
        for (String nodeId : nodes) {
            JournalKey key = new JournalKey(missionId, nodeId);
            synchronized (lockFor(nodeId)) {
                store.delete(key);
                index.delete(key);
                forget(key);
            }
        }
        return nodes;
    }

    public Optional<JournalRecord> find(JournalKey key) {
        return index.find(key);
    }

    /** Bytes C2 holds of an upload in progress (the complete size once complete). */
    public long received(JournalRecord record) {
        return record.state() == JournalState.COMPLETE ? record.sizeBytes() : store.partialSize(record.key());
    }

    /**
     * An operator asks for a journal: recorded as REQUESTED (asked again on every Hello of the node) unless it
     * is complete or half uploaded. Returns the record as it stands.
     */
    public JournalRecord request(JournalKey key) {
        synchronized (lockFor(key.nodeId())) {
            Optional<JournalRecord> existing = index.find(key);
            // A half-uploaded journal keeps what C2 holds: the node's next offer resumes it.
            if (existing.isPresent() && (existing.get().state() == JournalState.COMPLETE
                    || existing.get().state() == JournalState.UPLOADING)) {
                return existing.get();
            }
            JournalRecord requested = JournalRecord.requested(key, clock.instant());
            index.save(requested);
            return requested;
        }
    }

    /** Missions whose journal C2 still asks {@code nodeId} for. */
    public Set<String> requestedFrom(String nodeId) {
        return index.requestedFrom(nodeId);
    }

    public JournalUploadAck offer(String nodeId, JournalUploadOffer offer) {
        String missionId = offer.getMissionId();
        Optional<String> refusal = missionProblem(nodeId, missionId);
        if (refusal.isEmpty() && !Sha256.isDigest(offer.getSha256())) {
            refusal = Optional.of("sha256 must be 64 lower-case hex characters");
        }
        if (refusal.isEmpty() && (offer.getTotalBytes() <= 0 || offer.getTotalBytes() > settings.maxBytes())) {
            refusal = Optional.of("a journal must have 1 to " + settings.maxBytes() + " bytes"
                    + " (lockstep.c2.journals.max-bytes), offered " + Long.toUnsignedString(offer.getTotalBytes()));
        }
        if (refusal.isPresent()) {
            return refused(nodeId, missionId, 0, refusal.get());
        }
        JournalKey key = new JournalKey(missionId, nodeId);
        synchronized (lockFor(nodeId)) {
            Optional<JournalRecord> existing = index.find(key);
            boolean same = existing.isPresent() && existing.get().sha256().equals(offer.getSha256())
                    && existing.get().sizeBytes() == offer.getTotalBytes();
            if (existing.isPresent() && existing.get().state() == JournalState.COMPLETE) {
                return same ? ack(missionId, existing.get().sizeBytes(), JournalUploadState.JOURNAL_COMPLETE, "")
                        : refused(nodeId, missionId, 0, "C2 already holds a different journal (sha256 "
                                + existing.get().sha256() + ") of this node for this mission");
            }
            if (existing.isPresent() && existing.get().state() == JournalState.UPLOADING && same) {
                touch(key);
                return ack(missionId, store.partialSize(key), JournalUploadState.JOURNAL_RECEIVING, "");
            }
            if (existing.isPresent() && existing.get().state() == JournalState.FAILED) {
                return refused(nodeId, missionId, 0, "this upload failed (" + existing.get().error()
                        + "); it starts again only when an operator requests the journal");
            }
            long inProgress = activeOthers(key);
            if (inProgress >= settings.maxConcurrentPerNode()) {
                return refused(nodeId, missionId, 0, "node has " + inProgress + " journal uploads in progress (limit "
                        + settings.maxConcurrentPerNode() + ", lockstep.c2.journals.max-concurrent-per-node);"
                        + " offer it again when one is complete");
            }
            store.discardPartial(key);
            JournalRecord base = existing.orElseGet(() -> JournalRecord.requested(key, null));
            index.save(base.offered(offer.getTotalBytes(), offer.getSha256(), clock.instant()));
            touch(key);
            LOG.infof("Receiving %s: %d bytes, sha256 %s", key, offer.getTotalBytes(), offer.getSha256());
            return ack(missionId, 0, JournalUploadState.JOURNAL_RECEIVING, "");
        }
    }

    public JournalUploadAck chunk(String nodeId, JournalUploadChunk chunk) {
        String missionId = chunk.getMissionId();
        Optional<String> idProblem = Ids.problem("mission_id", missionId);
        if (idProblem.isPresent()) {
            return refused(nodeId, missionId, 0, idProblem.get());
        }
        JournalKey key = new JournalKey(missionId, nodeId);
        synchronized (lockFor(nodeId)) {
            Optional<JournalRecord> found = index.find(key);
            if (found.isEmpty() || found.get().state() != JournalState.UPLOADING) {
                return refused(nodeId, missionId, 0, "no upload of this journal is in progress; offer it first");
            }
            JournalRecord record = found.get();
            long held = store.partialSize(key);
            int length = chunk.getData().size();
            long offset = chunk.getOffset();
            if (length == 0 || length > settings.maxChunkBytes()) {
                return retry(nodeId, missionId, held, "a chunk must have 1 to " + settings.maxChunkBytes()
                        + " bytes, got " + length);
            }
            if (offset != held) {
                return retry(nodeId, missionId, held, "chunk at offset " + Long.toUnsignedString(offset)
                        + " does not follow the " + held + " bytes C2 holds (out of order or overlapping);"
                        + " send from " + held);
            }
            if (held + length > record.sizeBytes()) {
                return fail(record, "more bytes than announced: " + (held + length) + " of " + record.sizeBytes());
            }
            if (!Sha256.of(chunk.getData().toByteArray()).equals(chunk.getSha256())) {
                return checksumFailed(record, held, "chunk at offset " + offset + " does not match its sha256;"
                        + " send it again");
            }
            store.append(key, offset, chunk.getData().toByteArray());
            touch(key);
            long now = held + length;
            if (now < record.sizeBytes()) {
                return ack(missionId, now, JournalUploadState.JOURNAL_RECEIVING, "");
            }
            String actual = store.partialSha256(key);
            if (!actual.equals(record.sha256())) {
                // Never stored as complete: cleared, and the node is asked for the whole journal again.
                store.discardPartial(key);
                return checksumFailed(record, 0, "the whole journal's sha256 is " + actual + ", not the offered "
                        + record.sha256() + "; cleared, send it again from 0");
            }
            store.complete(key);
            index.save(record.completed(clock.instant()));
            forget(key);
            LOG.infof("Stored %s (%d bytes, sha256 %s)", key, record.sizeBytes(), record.sha256());
            return ack(missionId, record.sizeBytes(), JournalUploadState.JOURNAL_COMPLETE, "");
        }
    }

    private Optional<String> missionProblem(String nodeId, String missionId) {
        Optional<String> idProblem = Ids.problem("mission_id", missionId);
        if (idProblem.isPresent()) {
            return idProblem;
        }
        try {
            if (!partOf(missions.get(missionId), nodeId)) {
                return Optional.of("node " + nodeId + " was not part of mission " + missionId);
            }
        } catch (UnknownMissionException e) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }

    private JournalUploadAck checksumFailed(JournalRecord record, long resumeAt, String why) {
        JournalRecord failed = record.checksumFailed(why);
        if (failed.checksumFailures() >= settings.maxChecksumFailures()) {
            return fail(failed, why + " (" + failed.checksumFailures() + " checksum failures, limit "
                    + settings.maxChecksumFailures() + ")");
        }
        index.save(failed);
        return retry(record.nodeId(), record.missionId(), resumeAt, why);
    }

    /** Gives the upload up: the partial bytes are deleted and nothing is stored as complete. */
    private JournalUploadAck fail(JournalRecord record, String why) {
        store.discardPartial(record.key());
        index.save(record.inState(JournalState.FAILED, why));
        forget(record.key());
        return refused(record.nodeId(), record.missionId(), 0, why);
    }

    private JournalUploadAck retry(String nodeId, String missionId, long offset, String why) {
        LOG.warnf("Journal chunk of node %s for mission %s refused: %s", nodeId, LogText.quote(missionId), why);
        return ack(missionId, offset, JournalUploadState.JOURNAL_RECEIVING, why);
    }

    private JournalUploadAck refused(String nodeId, String missionId, long offset, String why) {
        LOG.warnf("Journal upload of node %s for mission %s refused: %s", nodeId, LogText.quote(missionId), why);
        return ack(missionId, offset, JournalUploadState.JOURNAL_REFUSED, why);
    }

    private JournalUploadAck ack(String missionId, long offset, JournalUploadState state, String error) {
        return JournalUploadAck.newBuilder().setMissionId(missionId).setOffset(offset).setState(state)
                .setError(error).setMaxChunkBytes(settings.maxChunkBytes()).build();
    }

    private Object lockFor(String nodeId) {
        return locks.computeIfAbsent(nodeId, id -> new Object());
    }

    private void touch(JournalKey key) {
        active.computeIfAbsent(key.nodeId(), id -> new ConcurrentHashMap<>()).put(key.missionId(), clock.instant());
    }

    private void forget(JournalKey key) {
        Map<String, Instant> uploads = active.get(key.nodeId());
        if (uploads != null) {
            uploads.remove(key.missionId());
        }
    }

    private long activeOthers(JournalKey key) {
        Map<String, Instant> uploads = active.get(key.nodeId());
        if (uploads == null) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(IDLE);
        uploads.values().removeIf(at -> !at.isAfter(cutoff));
        return uploads.keySet().stream().filter(m -> !m.equals(key.missionId())).count();
    }
}
