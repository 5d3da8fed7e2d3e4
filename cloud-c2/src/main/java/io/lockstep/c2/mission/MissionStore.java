package io.lockstep.c2.mission;

import io.lockstep.c2.redis.JsonCodec;
import io.lockstep.c2.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.sortedset.SortedSetCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Missions (JSON), their creation order (sorted set) and their per-node status (one hash per mission). */
@ApplicationScoped
public class MissionStore {

    private final ValueCommands<String, String> records;
    private final SortedSetCommands<String, String> index;
    private final HashCommands<String, String, String> nodeStatus;
    private final JsonCodec json;

    public MissionStore(RedisDataSource redis, JsonCodec json) {
        this.records = redis.value(String.class);
        this.index = redis.sortedSet(String.class);
        this.nodeStatus = redis.hash(String.class);
        this.json = json;
    }

    public void create(MissionRecord mission) {
        save(mission);
        index.zadd(RedisKeys.missions(), mission.createdAt().toEpochMilli(), mission.id());
    }

    public void save(MissionRecord mission) {
        records.set(RedisKeys.mission(mission.id()), json.write(mission));
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

    public void putNodeStatus(String missionId, NodeMissionStatus status) {
        nodeStatus.hset(RedisKeys.missionNodeStatus(missionId), status.nodeId(), json.write(status));
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
