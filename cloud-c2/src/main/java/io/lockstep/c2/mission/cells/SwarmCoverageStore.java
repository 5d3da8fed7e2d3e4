package io.lockstep.c2.mission.cells;

import io.lockstep.c2.redis.JsonCodec;
import io.lockstep.c2.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/** Each node's latest coverage report of a cell mission: one Redis hash per mission, node id → JSON. */
@ApplicationScoped
public class SwarmCoverageStore {

    private final HashCommands<String, String, String> reports;
    private final JsonCodec json;

    public SwarmCoverageStore(RedisDataSource redis, JsonCodec json) {
        this.reports = redis.hash(String.class);
        this.json = json;
    }

    /** Redis key of a mission's coverage reports (docs/c2.md lists it with the others). */
    public static String key(String missionId) {
        return RedisKeys.missionCoverage(missionId);
    }

    public void put(String missionId, NodeCoverage coverage) {
        reports.hset(key(missionId), coverage.nodeId(), json.write(coverage));
    }

    /** Node id → its latest report, in no particular order. */
    public Map<String, NodeCoverage> all(String missionId) {
        Map<String, NodeCoverage> out = new LinkedHashMap<>();
        reports.hgetall(key(missionId)).forEach((node, value) -> out.put(node, json.read(value, NodeCoverage.class)));
        return out;
    }
}
