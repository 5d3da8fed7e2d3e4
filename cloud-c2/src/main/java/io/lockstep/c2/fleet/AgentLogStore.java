package io.lockstep.c2.fleet;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.redis.JsonCodec;
import io.lockstep.c2.redis.RedisKeys;
import io.lockstep.proto.v1.AgentLogLine;
import io.lockstep.proto.v1.Telemetry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.list.ListCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The agent log lines nodes forward in their telemetry, per mission and node: only the last
 * {@value #KEEP_LINES} are kept, each field cut to a bound, so a chatty or hostile node cannot grow C2's
 * state. Lines for a mission C2 does not know are ignored. The keys expire a day after the mission would be
 * archived ({@code lockstep.c2.retention.finished-missions}), counted from the last line received, so they
 * never outlive their mission for long.
 */
@ApplicationScoped
public class AgentLogStore {

    public static final int KEEP_LINES = 200;
    static final int MAX_MESSAGE_CHARS = 200;
    static final int MAX_AGENT_CHARS = 128;
    private static final Set<String> LEVELS = Set.of("DEBUG", "INFO", "WARN", "ERROR");

    /** The kept lines, oldest first, and how many the node reported it left out. */
    @Schema(example = "{\"lines\": [{\"tick\": 120, \"agent\": \"surveyor\", \"level\": \"INFO\", \"message\": \"lane 3 of 6 done\", \"receivedAt\": \"2026-12-02T12:12:54.301Z\"}], \"dropped\": 0}")
    public record Logs(List<AgentLogLineView> lines, long dropped) {
    }

    private final ListCommands<String, String> lists;
    private final ValueCommands<String, Long> counters;
    private final RedisDataSource redis;
    private final JsonCodec json;
    private final Duration keep;

    public AgentLogStore(RedisDataSource redis, JsonCodec json, C2Config config) {
        this.keep = config.retention().finishedMissions().plusDays(1);
        this.redis = redis;
        this.lists = redis.list(String.class);
        this.counters = redis.value(Long.class);
        this.json = json;
    }

    /** Keeps the log lines of one telemetry sample; does nothing for a sample without any. */
    public void append(String nodeId, Telemetry sample, Instant at) {
        if (sample.getLogsCount() == 0 && sample.getLogsDropped() == 0) {
            return;
        }
        String missionId = sample.getMissionId();
        if (missionId.isEmpty() || !redis.key(String.class).exists(RedisKeys.mission(missionId))) {
            return;
        }
        String key = RedisKeys.missionNodeLogs(missionId, nodeId);
        List<String> lines = new ArrayList<>();
        for (AgentLogLine line : sample.getLogsList()) {
            String level = LEVELS.contains(line.getLevel()) ? line.getLevel() : "INFO";
            lines.add(json.write(new AgentLogLineView(line.getTick(), cut(line.getAgent(), MAX_AGENT_CHARS), level,
                    cut(line.getMessage(), MAX_MESSAGE_CHARS), at)));
        }
        if (!lines.isEmpty()) {
            lists.rpush(key, lines.toArray(String[]::new));
            lists.ltrim(key, -KEEP_LINES, -1);
            redis.key(String.class).expire(key, keep);
        }
        if (sample.getLogsDropped() > 0) {
            String dropped = RedisKeys.missionNodeLogsDropped(missionId, nodeId);
            counters.incrby(dropped, Math.min(sample.getLogsDropped(), Long.MAX_VALUE / 2));
            redis.key(String.class).expire(dropped, keep);
        }
    }

    public Logs read(String missionId, String nodeId) {
        List<AgentLogLineView> lines = lists.lrange(RedisKeys.missionNodeLogs(missionId, nodeId), 0, -1).stream()
                .map(l -> json.read(l, AgentLogLineView.class)).toList();
        Long dropped = counters.get(RedisKeys.missionNodeLogsDropped(missionId, nodeId));
        return new Logs(lines, dropped == null ? 0 : dropped);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
