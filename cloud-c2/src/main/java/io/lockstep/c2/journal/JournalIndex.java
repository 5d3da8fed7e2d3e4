package io.lockstep.c2.journal;

import io.lockstep.c2.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.set.SetCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Journal metadata in Redis: hash {@code lockstep:journal:{mission}:{node}} (size, sha256, state,
 * uploadedAt, …) and set {@code lockstep:node:{node}:journal-requests} of the missions whose journal C2
 * still wants from that node, requested or half uploaded (asked for again on every Hello).
 */
@ApplicationScoped
public class JournalIndex {

    private final HashCommands<String, String, String> hashes;
    private final SetCommands<String, String> sets;
    private final RedisDataSource redis;

    public JournalIndex(RedisDataSource redis) {
        this.redis = redis;
        this.hashes = redis.hash(String.class);
        this.sets = redis.set(String.class);
    }

    static String key(JournalKey key) {
        return RedisKeys.journal(key.missionId(), key.nodeId());
    }

    static String requestsKey(String nodeId) {
        return RedisKeys.nodeJournalRequests(nodeId);
    }

    public Optional<JournalRecord> find(JournalKey key) {
        Map<String, String> h = hashes.hgetall(key(key));
        if (h == null || h.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new JournalRecord(key.missionId(), key.nodeId(), JournalState.valueOf(h.get("state")),
                Long.parseLong(h.getOrDefault("size", "0")), h.getOrDefault("sha256", ""), instant(h.get("requestedAt")),
                instant(h.get("offeredAt")), instant(h.get("uploadedAt")),
                Integer.parseInt(h.getOrDefault("checksumFailures", "0")), h.getOrDefault("error", "")));
    }

    public void save(JournalRecord r) {
        Map<String, String> h = new HashMap<>();
        h.put("state", r.state().name());
        h.put("size", Long.toString(r.sizeBytes()));
        h.put("sha256", r.sha256());
        h.put("checksumFailures", Integer.toString(r.checksumFailures()));
        h.put("error", r.error());
        put(h, "requestedAt", r.requestedAt());
        put(h, "offeredAt", r.offeredAt());
        put(h, "uploadedAt", r.uploadedAt());
        // The mission's node set first: a failure before the metadata leaves a node listed without a journal,
        // which readers skip, never a journal that nodesOf cannot find.
        sets.sadd(RedisKeys.missionJournalNodes(r.missionId()), r.nodeId());
        hashes.hset(key(r.key()), h);
        // Requested or half uploaded: asked for again at the node's next Hello (a restarted node resumes).
        if (r.state() == JournalState.REQUESTED || r.state() == JournalState.UPLOADING) {
            sets.sadd(requestsKey(r.nodeId()), r.missionId());
        } else {
            sets.srem(requestsKey(r.nodeId()), r.missionId());
        }
    }

    /**
     * Removes the journal's metadata and any outstanding request for it (one transaction: both keys carry the
     * node's hash tag), then the node from the mission's journal set.
     */
    public void delete(JournalKey key) {
        redis.withTransaction(tx -> {
            tx.key().del(key(key));
            tx.set(String.class).srem(requestsKey(key.nodeId()), key.missionId());
        });
        sets.srem(RedisKeys.missionJournalNodes(key.missionId()), key.nodeId());
    }

    /**
     * The nodes with journal metadata for {@code missionId}, from the mission's journal set (not a SCAN, which
     * on Redis Cluster would see one cluster node's keys only).
     */
    public Set<String> nodesOf(String missionId) {
        Set<String> nodes = new java.util.TreeSet<>();
        for (String nodeId : sets.smembers(RedisKeys.missionJournalNodes(missionId))) {
            if (redis.key().exists(key(new JournalKey(missionId, nodeId)))) {
                nodes.add(nodeId);
            }
        }
        return nodes;
    }

    /** Missions whose journal C2 still wants from {@code nodeId}. */
    public Set<String> requestedFrom(String nodeId) {
        return sets.smembers(requestsKey(nodeId));
    }

    /** Every field is written (empty when unset), so nothing of an earlier upload lingers. */
    private static void put(Map<String, String> h, String field, Instant at) {
        h.put(field, at == null ? "" : at.toString());
    }

    private static Instant instant(String value) {
        return value == null || value.isEmpty() ? null : Instant.parse(value);
    }
}
