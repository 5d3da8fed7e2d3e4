package io.lockstep.c2.mission;

import io.lockstep.c2.redis.JsonCodec;
import io.lockstep.c2.redis.RedisKeys;
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
 * Every change that touches more than one key is one MULTI/EXEC transaction, so a failure part-way
 * (Redis unreachable, pool exhausted) leaves no mission outside the index and no index entry without
 * its record.
 */
@ApplicationScoped
public class MissionStore {

    /** KEYS: mission record, mission node-status hash. ARGV: node id, status JSON. */
    private static final String PUT_IF_MISSION_EXISTS = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            return redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])""";

    private final RedisDataSource redis;
    private final ValueCommands<String, String> records;
    private final SortedSetCommands<String, String> index;
    private final HashCommands<String, String, String> nodeStatus;
    private final JsonCodec json;

    public MissionStore(RedisDataSource redis, JsonCodec json) {
        this.redis = redis;
        this.records = redis.value(String.class);
        this.index = redis.sortedSet(String.class);
        this.nodeStatus = redis.hash(String.class);
        this.json = json;
    }

    public void create(MissionRecord mission) {
        String record = json.write(mission);
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
        redis.withTransaction(tx -> {
            tx.key().del(RedisKeys.mission(missionId), RedisKeys.missionNodeStatus(missionId),
                    RedisKeys.missionCoverage(missionId));
            tx.sortedSet(String.class).zrem(RedisKeys.missions(), missionId);
        });
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
