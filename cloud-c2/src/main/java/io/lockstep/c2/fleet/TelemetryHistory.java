package io.lockstep.c2.fleet;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.redis.JsonCodec;
import io.lockstep.c2.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every telemetry sample of a node, in arrival order, in one capped Redis stream per node (exactly
 * {@code lockstep.c2.lifecycle.telemetry-max-samples}: the oldest go first), next to the latest sample the
 * node view shows. Samples a node spooled while offline arrive in a burst after it reconnects and are all
 * kept. {@link TelemetryIntake} writes them in batches. Entry ids are the receipt time in milliseconds (never
 * behind an earlier entry), so {@code since} is a range read.
 */
@ApplicationScoped
public class TelemetryHistory {

    private final RedisDataSource redis;
    private final JsonCodec json;
    private final int cap;

    public TelemetryHistory(RedisDataSource redis, JsonCodec json, C2Config config) {
        this.redis = redis;
        this.json = json;
        this.cap = config.lifecycle().telemetryMaxSamples();
    }

    public int cap() {
        return cap;
    }

    /** A sample with its stream id (the cursor for the next page). */
    public record Entry(String id, TelemetrySample sample) {
    }

    /** Up to {@code limit} samples received at or after {@code since}, or after the entry {@code afterId}; oldest first. */
    public List<Entry> read(String nodeId, Instant since, String afterId, int limit) {
        String start = afterId != null ? "(" + afterId : since != null ? Long.toString(Math.max(0, since.toEpochMilli())) : "-";
        Response entries = redis.execute("XRANGE", RedisKeys.nodeTelemetryHistory(nodeId), start, "+", "COUNT",
                Integer.toString(limit));
        List<Entry> page = new ArrayList<>();
        if (entries == null) {
            return page;
        }
        for (Response entry : entries) {
            Response fields = entry.get(1);
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                if (fields.get(i).toString().equals("sample")) {
                    page.add(new Entry(entry.get(0).toString(), json.read(fields.get(i + 1).toString(), TelemetrySample.class)));
                }
            }
        }
        return page;
    }

    public long length(String nodeId) {
        return redis.execute("XLEN", RedisKeys.nodeTelemetryHistory(nodeId)).toLong();
    }
}
