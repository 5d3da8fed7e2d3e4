package io.lockstep.c2.mission;

import io.lockstep.c2.redis.JsonCodec;
import io.lockstep.c2.redis.RedisKeys;
import io.lockstep.c2.redis.RedisTopology;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.sortedset.SortedSetCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Missions (JSON), their creation order (sorted set) and their per-node status (one hash per mission).
 * Every change that touches more than one key is one MULTI/EXEC transaction or Lua script, so a failure
 * part-way (Redis unreachable, pool exhausted) leaves no mission outside the index and no index entry without
 * its record. On Redis Cluster the creation-order index (global, no hash tag) cannot share a transaction with
 * a mission's keys (tagged by the mission): there it is written by a command of its own, the index entry
 * first when creating and last when deleting, so a failure in between can leave an index entry without its
 * record, which every reader skips, but never a mission outside the index.
 */
@ApplicationScoped
public class MissionStore {

    /** KEYS: mission record, mission node-status hash. ARGV: node id, status JSON. */
    private static final String PUT_IF_MISSION_EXISTS = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            return redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])""";

    /**
     * Sets one node's status only while the mission exists and, for a versioned update, only when its
     * version is above the stored one; then appends the transition to the history stream (when given).
     * KEYS: mission record, node-status hash, status-version hash, history stream.
     * ARGV: node id, status JSON, status version (0: unversioned), history cap, history field/value pairs.
     * Returns {1, version} when written, {0, 0} without the mission, {-1, stored version} when stale.
     */
    private static final String PUT_VERSIONED = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return {0, 0} end
            local version = tonumber(ARGV[3])
            if version > 0 then
              local stored = tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')
              if version <= stored then return {-1, stored} end
              redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
            end
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
            if #ARGV > 4 then
              local fields = {}
              for i = 5, #ARGV do fields[#fields + 1] = ARGV[i] end
              redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[4], '*', unpack(fields))
            end
            return {1, version}""";

    /** What a versioned status write did. */
    public enum PutResult { WRITTEN, NO_MISSION, STALE }

    private final RedisDataSource redis;
    private final RedisTopology topology;
    private final ValueCommands<String, String> records;
    private final SortedSetCommands<String, String> index;
    private final HashCommands<String, String, String> nodeStatus;
    private final JsonCodec json;

    public MissionStore(RedisDataSource redis, RedisTopology topology, JsonCodec json) {
        this.redis = redis;
        this.topology = topology;
        this.records = redis.value(String.class);
        this.index = redis.sortedSet(String.class);
        this.nodeStatus = redis.hash(String.class);
        this.json = json;
    }

    public void create(MissionRecord mission) {
        String record = json.write(mission);
        if (topology.cluster()) {
            index.zadd(RedisKeys.missions(), mission.createdAt().toEpochMilli(), mission.id());
            records.set(RedisKeys.mission(mission.id()), record);
            return;
        }
        redis.withTransaction(tx -> {
            tx.value(String.class).set(RedisKeys.mission(mission.id()), record);
            tx.sortedSet(String.class).zadd(RedisKeys.missions(), mission.createdAt().toEpochMilli(), mission.id());
        });
    }

    public void save(MissionRecord mission) {
        records.set(RedisKeys.mission(mission.id()), json.write(mission));
    }

    /** Saves the mission and sets the given node statuses in one transaction (a dispatch). */
    public void save(MissionRecord mission, Collection<NodeMissionStatus> statuses) {
        String record = json.write(mission);
        Map<String, String> values = new LinkedHashMap<>();
        statuses.forEach(status -> values.put(status.nodeId(), json.write(status)));
        redis.withTransaction(tx -> {
            tx.value(String.class).set(RedisKeys.mission(mission.id()), record);
            if (!values.isEmpty()) {
                tx.hash(String.class).hset(RedisKeys.missionNodeStatus(mission.id()), values);
            }
        });
    }

    /** Removes the mission, its index entry and its node statuses in one transaction (archiving). */
    public void delete(String missionId) {
        String[] keys = {RedisKeys.mission(missionId), RedisKeys.missionNodeStatus(missionId),
                RedisKeys.missionCoverage(missionId), RedisKeys.missionHistory(missionId),
                RedisKeys.missionStatusVersions(missionId)};
        if (topology.cluster()) {
            redis.key().del(keys);
            index.zrem(RedisKeys.missions(), missionId);
            return;
        }
        redis.withTransaction(tx -> {
            tx.key().del(keys);
            tx.sortedSet(String.class).zrem(RedisKeys.missions(), missionId);
        });
    }

    /** Whether the mission is in Redis (one EXISTS, no record parsed). */
    public boolean exists(String missionId) {
        return redis.key().exists(RedisKeys.mission(missionId));
    }

    public Optional<MissionRecord> find(String missionId) {
        String stored = records.get(RedisKeys.mission(missionId));
        return stored == null ? Optional.empty() : Optional.of(json.read(stored, MissionRecord.class));
    }

    /** All missions, oldest first. */
    public List<MissionRecord> list() {
        return index.zrange(RedisKeys.missions(), 0, -1).stream()
                .map(this::find)
                .flatMap(Optional::stream)
                .toList();
    }

    /** Sets one node's status, only while the mission exists (an archived mission gets no orphan hash). */
    public void putNodeStatus(String missionId, NodeMissionStatus status) {
        redis.execute("EVAL", PUT_IF_MISSION_EXISTS, "2", RedisKeys.mission(missionId),
                RedisKeys.missionNodeStatus(missionId), status.nodeId(), json.write(status));
    }

    /**
     * Sets one node's status atomically with its version check and history entry (see {@link #PUT_VERSIONED}).
     *
     * @param version the node's status version, 0 for an unversioned update or one C2 made itself
     * @param history the transition to record, or null when nothing changed that history keeps
     * @param historyCap the most entries the history stream keeps (approximately: MAXLEN ~)
     * @return the outcome and, when stale, the stored version in {@code stored[0]}
     */
    public PutResult putNodeStatus(String missionId, NodeMissionStatus status, long version, HistoryEntry history,
            int historyCap, long[] stored) {
        List<String> args = new java.util.ArrayList<>(List.of("EVAL", PUT_VERSIONED, "4", RedisKeys.mission(missionId),
                RedisKeys.missionNodeStatus(missionId), RedisKeys.missionStatusVersions(missionId),
                RedisKeys.missionHistory(missionId), status.nodeId(), json.write(status), Long.toString(version),
                Integer.toString(historyCap)));
        if (history != null) {
            args.addAll(MissionHistory.fields(history));
        }
        io.vertx.mutiny.redis.client.Response answer = redis.execute(args.get(0),
                args.subList(1, args.size()).toArray(String[]::new));
        long code = answer.get(0).toLong();
        if (stored != null && stored.length > 0) {
            stored[0] = answer.get(1).toLong();
        }
        return code == 1 ? PutResult.WRITTEN : code == 0 ? PutResult.NO_MISSION : PutResult.STALE;
    }

    public Optional<NodeMissionStatus> nodeStatus(String missionId, String nodeId) {
        String stored = nodeStatus.hget(RedisKeys.missionNodeStatus(missionId), nodeId);
        return stored == null ? Optional.empty() : Optional.of(json.read(stored, NodeMissionStatus.class));
    }

    /** Node id → status, in no particular order. */
    public Map<String, NodeMissionStatus> nodeStatuses(String missionId) {
        Map<String, NodeMissionStatus> statuses = new LinkedHashMap<>();
        nodeStatus.hgetall(RedisKeys.missionNodeStatus(missionId))
                .forEach((node, value) -> statuses.put(node, json.read(value, NodeMissionStatus.class)));
        return statuses;
    }
}
