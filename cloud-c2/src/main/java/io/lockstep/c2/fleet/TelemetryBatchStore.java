package io.lockstep.c2.fleet;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.redis.JsonCodec;
import io.lockstep.c2.redis.RedisKeys;
import io.lockstep.c2.redis.RedisTopology;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores one batch of telemetry samples: every sample into its node's capped history stream (receipt-time ids,
 * trimmed to exactly {@code telemetry-max-samples}), the latest one as the node's telemetry, its receipt time as
 * the node's last-seen time. Samples of a node C2 never registered (no node hash) are not stored. One script call
 * for the whole batch on a standalone Redis; on Redis Cluster one call per node, whose keys share its hash tag.
 */
@ApplicationScoped
public class TelemetryBatchStore implements TelemetryIntake.Store {

    /**
     * KEYS: per node its hash, latest-telemetry key, history stream. ARGV: cap, then per node n, last-seen,
     * latest JSON, then n pairs of receipt ms and sample JSON. Returns samples stored.
     */
    private static final String STORE_BATCH = """
            local cap = tonumber(ARGV[1])
            local a = 2
            local stored = 0
            for k = 1, #KEYS, 3 do
              local n, seen, latest = tonumber(ARGV[a]), ARGV[a + 1], ARGV[a + 2]
              a = a + 3
              if redis.call('EXISTS', KEYS[k]) == 1 then
                for i = 0, n - 1 do
                  local ms, sample = ARGV[a + 2 * i], ARGV[a + 2 * i + 1]
                  local ok = pcall(redis.call, 'XADD', KEYS[k + 2], ms .. '-*', 'sample', sample)
                  if not ok then redis.call('XADD', KEYS[k + 2], '*', 'sample', sample) end
                end
                redis.call('XTRIM', KEYS[k + 2], 'MAXLEN', cap)
                redis.call('SET', KEYS[k + 1], latest)
                redis.call('HSET', KEYS[k], 'lastSeenAt', seen)
                stored = stored + n
              end
              a = a + 2 * n
            end
            return stored""";

    private final RedisDataSource redis;
    private final RedisTopology topology;
    private final JsonCodec json;
    private final int cap;

    public TelemetryBatchStore(RedisDataSource redis, RedisTopology topology, JsonCodec json, C2Config config) {
        this.redis = redis;
        this.topology = topology;
        this.json = json;
        this.cap = config.lifecycle().telemetryMaxSamples();
    }

    @Override
    public long store(List<QueuedSample> batch) {
        Map<String, List<QueuedSample>> perNode = new LinkedHashMap<>();
        for (QueuedSample queued : batch) {
            perNode.computeIfAbsent(queued.nodeId(), id -> new ArrayList<>()).add(queued);
        }
        if (!topology.cluster()) {
            return store(perNode);
        }
        long stored = 0;
        for (Map.Entry<String, List<QueuedSample>> node : perNode.entrySet()) {
            stored += store(Map.of(node.getKey(), node.getValue()));
        }
        return stored;
    }

    /** Stores the samples of the given nodes in one script call. */
    private long store(Map<String, List<QueuedSample>> perNode) {
        List<String> keys = new ArrayList<>(perNode.size() * 3);
        List<String> values = new ArrayList<>();
        values.add(Integer.toString(cap));
        for (Map.Entry<String, List<QueuedSample>> node : perNode.entrySet()) {
            String nodeId = node.getKey();
            keys.add(RedisKeys.node(nodeId));
            keys.add(RedisKeys.nodeTelemetry(nodeId));
            keys.add(RedisKeys.nodeTelemetryHistory(nodeId));
            List<QueuedSample> samples = node.getValue();
            QueuedSample last = samples.get(samples.size() - 1);
            String lastJson = null;
            int header = values.size();
            values.add(Integer.toString(samples.size()));
            values.add(Instant.ofEpochMilli(last.receivedAtMs()).toString());
            values.add("");
            for (QueuedSample queued : samples) {
                lastJson = TelemetrySampleJson.of(queued.sample(), queued.receivedAtMs(), json);
                values.add(Long.toString(queued.receivedAtMs()));
                values.add(lastJson);
            }
            values.set(header + 2, lastJson);
        }
        List<String> args = new ArrayList<>(2 + keys.size() + values.size());
        args.add(STORE_BATCH);
        args.add(Integer.toString(keys.size()));
        args.addAll(keys);
        args.addAll(values);
        return redis.execute("EVAL", args.toArray(String[]::new)).toLong();
    }
}
