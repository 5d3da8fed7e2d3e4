package io.lockstep.c2.mission;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.redis.RedisKeys;
import io.lockstep.c2.redis.RedisPipeline;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every transition of a mission, kept in one Redis stream per mission ({@code XADD MAXLEN ~}, so the
 * stream stays near {@code lockstep.c2.lifecycle.history-max-entries}; it is deleted with the mission
 * when the retention sweep archives it). Status transitions are written by {@link MissionStore} in the
 * same Lua script as the status itself; this class appends mission-level events and reads pages.
 */
@ApplicationScoped
public class MissionHistory {

    /** A stream entry id as Redis writes it: milliseconds, dash, sequence. */
    private static final Pattern ENTRY_ID = Pattern.compile("[0-9]{1,19}-[0-9]{1,19}");

    private final RedisDataSource redis;
    private final RedisPipeline pipeline;
    private final int cap;

    public MissionHistory(RedisDataSource redis, RedisPipeline pipeline, C2Config config) {
        this.redis = redis;
        this.pipeline = pipeline;
        this.cap = config.lifecycle().historyMaxEntries();
    }

    public int cap() {
        return cap;
    }

    /** Appends an entry that comes with no status write (e.g. the commander's abort of the whole mission). */
    public void append(String missionId, HistoryEntry entry) {
        redis.execute("XADD", xaddArgs(missionId, entry).toArray(String[]::new));
    }

    /** Appends entries in order, in one pipelined round trip (a dispatch's entry per node). */
    public void appendAll(String missionId, List<HistoryEntry> entries) {
        List<io.vertx.mutiny.redis.client.Request> adds = new ArrayList<>(entries.size());
        entries.forEach(entry -> adds.add(RedisPipeline.request(io.vertx.mutiny.redis.client.Command.XADD,
                xaddArgs(missionId, entry).toArray())));
        pipeline.run(adds);
    }

    private List<String> xaddArgs(String missionId, HistoryEntry entry) {
        List<String> args = new ArrayList<>(List.of(RedisKeys.missionHistory(missionId), "MAXLEN", "~",
                Integer.toString(cap), "*"));
        args.addAll(fields(entry));
        return args;
    }

    /** Whether {@code cursor} has the form of a history entry id. */
    public static boolean validCursor(String cursor) {
        return ENTRY_ID.matcher(cursor).matches();
    }

    /** Up to {@code limit} entries after {@code afterId} (exclusive; null: from the oldest), oldest first. */
    public List<HistoryEntry> read(String missionId, String afterId, int limit) {
        String start = afterId == null ? "-" : "(" + afterId;
        Response entries = redis.execute("XRANGE", RedisKeys.missionHistory(missionId), start, "+", "COUNT",
                Integer.toString(limit));
        List<HistoryEntry> page = new ArrayList<>();
        if (entries == null) {
            return page;
        }
        for (Response entry : entries) {
            Map<String, String> values = new HashMap<>();
            Response pairs = entry.get(1);
            for (int i = 0; i + 1 < pairs.size(); i += 2) {
                values.put(pairs.get(i).toString(), pairs.get(i + 1).toString());
            }
            page.add(new HistoryEntry(entry.get(0).toString(), Instant.parse(values.getOrDefault("at", Instant.EPOCH.toString())),
                    values.getOrDefault("node", ""), values.getOrDefault("event", ""), values.getOrDefault("state", ""),
                    values.getOrDefault("lifecycle", ""), parseLong(values.get("version")), parseLong(values.get("tick")),
                    values.getOrDefault("detail", ""), values.getOrDefault("source", "")));
        }
        return page;
    }

    /** Entries in the stream now (for tests and the docs' retention claim). */
    public long length(String missionId) {
        return redis.execute("XLEN", RedisKeys.missionHistory(missionId)).toLong();
    }

    static List<String> fields(HistoryEntry entry) {
        return List.of("at", entry.at().toString(), "node", nonNull(entry.nodeId()), "event", nonNull(entry.event()),
                "state", nonNull(entry.state()), "lifecycle", nonNull(entry.lifecycle()),
                "version", Long.toString(entry.statusVersion()), "tick", Long.toString(entry.tick()),
                "detail", nonNull(entry.detail()), "source", nonNull(entry.source()));
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    private static long parseLong(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
