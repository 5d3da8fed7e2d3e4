package io.lockstep.c2.approval;

import io.lockstep.c2.redis.JsonCodec;
import io.lockstep.c2.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.set.SetCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Simulations and approvals in Redis, keyed by the mission digest (the SHA-256 of the exact mission bytes):
 * <ul>
 * <li>{@code lockstep:simulations:{digest}} hash: simulation id → {@link SimulationRecord} JSON</li>
 * <li>{@code lockstep:approvals:{digest}} hash: {@code simulationId/commander} → {@link ApprovalRecord} JSON</li>
 * <li>{@code lockstep:mission:{id}:simulation-digests} set: every digest the mission was simulated under</li>
 * </ul>
 */
@ApplicationScoped
public class SimulationStore {

    private final HashCommands<String, String, String> hashes;
    private final SetCommands<String, String> sets;
    private final RedisDataSource redis;
    private final JsonCodec json;

    public SimulationStore(RedisDataSource redis, JsonCodec json) {
        this.redis = redis;
        this.hashes = redis.hash(String.class);
        this.sets = redis.set(String.class);
        this.json = json;
    }

    static String simulations(String digest) {
        return RedisKeys.simulations(digest);
    }

    static String approvals(String digest) {
        return RedisKeys.approvals(digest);
    }

    static String missionDigests(String missionId) {
        return RedisKeys.missionSimulationDigests(missionId);
    }

    public void save(SimulationRecord record) {
        String value = json.write(record);
        // Two hash tags (mission, digest), so two writes: the digest first, so a record is always found through
        // its mission; a failure in between leaves a digest without this mission's record, which readers skip.
        sets.sadd(missionDigests(record.missionId()), record.missionDigest());
        hashes.hset(simulations(record.missionDigest()), record.id(), value);
    }

    public Optional<SimulationRecord> find(String missionId, String simulationId) {
        for (String digest : sets.smembers(missionDigests(missionId))) {
            String value = hashes.hget(simulations(digest), simulationId);
            if (value != null) {
                return Optional.of(json.read(value, SimulationRecord.class));
            }
        }
        return Optional.empty();
    }

    /** Every simulation of the mission, oldest first. */
    public List<SimulationRecord> list(String missionId) {
        List<SimulationRecord> all = new ArrayList<>();
        for (String digest : sets.smembers(missionDigests(missionId))) {
            for (String value : hashes.hgetall(simulations(digest)).values()) {
                SimulationRecord record = json.read(value, SimulationRecord.class);
                if (record.missionId().equals(missionId)) {
                    all.add(record);
                }
            }
        }
        all.sort(Comparator.comparing(SimulationRecord::requestedAt).thenComparing(SimulationRecord::id));
        return all;
    }

    /**
     * Removes every simulation of the mission and their approvals (the mission was archived); a digest's
     * hashes go when nothing else is left in them.
     *
     * @return the removed simulations (their journal directories are the caller's to delete)
     */
    public List<SimulationRecord> deleteMission(String missionId) {
        List<SimulationRecord> removed = new ArrayList<>();
        for (String digest : sets.smembers(missionDigests(missionId))) {
            List<String> ids = new ArrayList<>();
            hashes.hgetall(simulations(digest)).forEach((id, value) -> {
                SimulationRecord record = json.read(value, SimulationRecord.class);
                if (record.missionId().equals(missionId)) {
                    ids.add(id);
                    removed.add(record);
                }
            });
            List<String> approvalFields = hashes.hkeys(approvals(digest)).stream()
                    .filter(field -> ids.stream().anyMatch(id -> field.startsWith(id + "/"))).toList();
            redis.withTransaction(tx -> {
                if (!ids.isEmpty()) {
                    tx.hash(String.class).hdel(simulations(digest), ids.toArray(String[]::new));
                }
                if (!approvalFields.isEmpty()) {
                    tx.hash(String.class).hdel(approvals(digest), approvalFields.toArray(String[]::new));
                }
            });
        }
        redis.key().del(missionDigests(missionId));
        return removed;
    }

    /** Records the approval unless this commander already approved this simulation; false then. */
    public boolean addApproval(ApprovalRecord approval) {
        return hashes.hsetnx(approvals(approval.missionDigest()), approval.simulationId() + "/" + approval.approvedBy(),
                json.write(approval));
    }

    /** The approvals of one simulation, oldest first. */
    public List<ApprovalRecord> approvals(String digest, String simulationId) {
        List<ApprovalRecord> all = new ArrayList<>();
        hashes.hgetall(approvals(digest)).forEach((field, value) -> {
            if (field.startsWith(simulationId + "/")) {
                all.add(json.read(value, ApprovalRecord.class));
            }
        });
        all.sort(Comparator.comparing(ApprovalRecord::approvedAt).thenComparing(ApprovalRecord::approvedBy));
        return all;
    }
}
