package io.lockstep.c2.fleet;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.redis.JsonCodec;
import io.lockstep.c2.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores one batch of telemetry samples in one Redis script call: every sample into its node's capped history
 * stream (receipt-time ids, trimmed to exactly {@code telemetry-max-samples}), the latest one as the node's
 * telemetry, its receipt time as the node's last-seen time. Samples of a node C2 never registered are not stored.
 */
@ApplicationScoped
public class TelemetryBatchStore implements TelemetryIntake.Store {

    /**
     * KEYS: node set, then per node its hash, latest-telemetry key, history stream. ARGV: cap, then per node
     * id, n, last-seen, latest JSON, then n pairs of receipt ms and sample JSON. Returns samples stored.
     */
    private static final String STORE_BATCH = """
            local cap = tonumber(ARGV[1])
            local a = 2
            local stored = 0
            for k = 2, #KEYS, 3 do
              local id, n, seen, latest = ARGV[a], tonumber(ARGV[a + 1]), ARGV[a + 2], ARGV[a + 3]
              a = a + 4
              if redis.call('SISMEMBER', KEYS[1], id) == 1 then
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
    private final JsonCodec json;
    private final int cap;

    public TelemetryBatchStore(RedisDataSource redis, JsonCodec json, C2Config config) {
        this.redis = redis;
        this.json = json;
        this.cap = config.lifecycle().telemetryMaxSamples();
    }

    @Override
    public long store(List<QueuedSample> batch) {
        Map<String, List<QueuedSample>> perNode = new LinkedHashMap<>();
        for (QueuedSample queued : batch) {
            perNode.computeIfAbsent(queued.nodeId(), id -> new ArrayList<>()).add(queued);
        }
        List<String> args = new ArrayList<>(2 + perNode.size() * 7 + batch.size() * 2);
        args.add(STORE_BATCH);
        args.add(Integer.toString(1 + perNode.size() * 3));
        args.add(RedisKeys.nodes());
        for (String nodeId : perNode.keySet()) {
            args.add(RedisKeys.node(nodeId));
            args.add(RedisKeys.nodeTelemetry(nodeId));
            args.add(RedisKeys.nodeTelemetryHistory(nodeId));
        }
        args.add(Integer.toString(cap));
        for (Map.Entry<String, List<QueuedSample>> node : perNode.entrySet()) {
            List<QueuedSample> samples = node.getValue();
            QueuedSample last = samples.get(samples.size() - 1);
            String lastJson = null;
            int header = args.size();
            args.add(node.getKey());
            args.add(Integer.toString(samples.size()));
            args.add(Instant.ofEpochMilli(last.receivedAtMs()).toString());
            args.add("");
            for (QueuedSample queued : samples) {
                lastJson = TelemetrySampleJson.of(queued.sample(), queued.receivedAtMs(), json);
                args.add(Long.toString(queued.receivedAtMs()));
                args.add(lastJson);
            }
            args.set(header + 3, lastJson);
        }
        return redis.execute("EVAL", args.toArray(String[]::new)).toLong();
    }
}
