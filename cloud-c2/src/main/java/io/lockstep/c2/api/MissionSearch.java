package io.lockstep.c2.api;

import io.lockstep.c2.mission.MissionRecord;
import io.lockstep.c2.mission.MissionStore;
import io.lockstep.c2.mission.MissionType;
import io.lockstep.c2.mission.NodeShare;
import io.lockstep.c2.redis.RedisKeys;
import io.lockstep.proto.v1.MissionState;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/missions} with filters and a cursor: {@code state} (overall state, repeatable),
 * {@code node} (dispatched to, repeatable), {@code type} (repeatable), {@code since}/{@code until} (creation
 * time, inclusive/exclusive), {@code limit} (1..1000; absent: every match) and {@code cursor} (from the
 * previous page's {@code X-Next-Cursor}). Missions come oldest first, as in the index; the cursor names the
 * last mission returned (creation time and id), so missions created meanwhile never shift a page.
 */
@ApplicationScoped
public class MissionSearch {

    static final int MAX_LIMIT = 1000;
    private static final int CHUNK = 256;
    private static final Set<String> PARAMS = Set.of("state", "node", "type", "since", "until", "limit", "cursor");
    private static final Set<String> REPEATABLE = Set.of("state", "node", "type");
    private static final String CURSOR_VERSION = "m1";

    private final RedisDataSource redis;
    private final MissionStore store;

    public MissionSearch(RedisDataSource redis, MissionStore store) {
        this.redis = redis;
        this.store = store;
    }

    /** One page: the matching views and the cursor of the next page (empty on the last). */
    public record Page(List<MissionView> missions, Optional<String> next) {
    }

    public Page search(MultivaluedMap<String, String> query, Function<MissionRecord, MissionView> view) {
        QueryParams params = new QueryParams(query, PARAMS, REPEATABLE);
        Set<MissionState> states = new LinkedHashSet<>();
        for (String state : params.all("state")) {
            try {
                MissionState parsed = MissionState.valueOf(state);
                if (parsed == MissionState.UNRECOGNIZED || parsed == MissionState.MISSION_STATE_UNSPECIFIED) {
                    throw new IllegalArgumentException(state);
                }
                states.add(parsed);
            } catch (IllegalArgumentException e) {
                params.error("state", "unknown state " + LogText.quote(state) + "; one of " + stateNames());
            }
        }
        Set<MissionType> types = new LinkedHashSet<>();
        for (String type : params.all("type")) {
            try {
                types.add(MissionType.valueOf(type));
            } catch (IllegalArgumentException e) {
                params.error("type", "unknown type " + LogText.quote(type) + "; one of "
                        + Arrays.stream(MissionType.values()).map(Enum::name).collect(Collectors.joining(", ")));
            }
        }
        Set<String> nodes = new LinkedHashSet<>();
        for (String node : params.all("node")) {
            Ids.problem("node", node).ifPresentOrElse(problem -> params.error("node", problem), () -> nodes.add(node));
        }
        Instant since = params.instant("since");
        Instant until = params.instant("until");
        if (since != null && until != null && !since.isBefore(until)) {
            params.error("until", "must be after since");
        }
        int limit = params.integer("limit", 1, MAX_LIMIT, Integer.MAX_VALUE);
        params.check();
        Cursor after = params.single("cursor") == null ? null : Cursor.decode(params.single("cursor"));

        String min = after != null ? Long.toString(after.createdAtMs()) : since != null ? Long.toString(since.toEpochMilli()) : "-inf";
        if (after != null && since != null && since.toEpochMilli() > after.createdAtMs()) {
            min = Long.toString(since.toEpochMilli());
        }
        String max = until != null ? "(" + until.toEpochMilli() : "+inf";
        List<MissionView> found = new ArrayList<>();
        List<long[]> foundScores = new ArrayList<>();
        List<String> foundIds = new ArrayList<>();
        boolean more = false;
        for (int offset = 0; !more; offset += CHUNK) {
            Response chunk = redis.execute("ZRANGE", RedisKeys.missions(), min, max, "BYSCORE", "LIMIT",
                    Integer.toString(offset), Integer.toString(CHUNK), "WITHSCORES");
            if (chunk == null || chunk.size() == 0) {
                break;
            }
            for (int i = 0; i < chunk.size(); i++) {
                Response pair = chunk.get(i);
                String id;
                long score;
                if (pair.size() == 2) { // RESP3 answers pairs
                    id = pair.get(0).toString();
                    score = (long) Double.parseDouble(pair.get(1).toString());
                } else { // RESP2 answers a flat list
                    id = pair.toString();
                    score = (long) Double.parseDouble(chunk.get(++i).toString());
                }
                if (after != null && (score < after.createdAtMs()
                        || (score == after.createdAtMs() && id.compareTo(after.missionId()) <= 0))) {
                    continue;
                }
                Optional<MissionRecord> record = store.find(id);
                if (record.isEmpty() || !matches(record.get(), types, nodes)) {
                    continue;
                }
                MissionView shown = view.apply(record.get());
                if (!states.isEmpty() && !states.contains(shown.state())) {
                    continue;
                }
                if (found.size() == limit) {
                    more = true;
                    break;
                }
                found.add(shown);
                foundScores.add(new long[] {score});
                foundIds.add(id);
            }
            if (chunk.size() < CHUNK) {
                break;
            }
        }
        Optional<String> next = more
                ? Optional.of(new Cursor(foundScores.get(found.size() - 1)[0], foundIds.get(found.size() - 1)).encode())
                : Optional.empty();
        return new Page(found, next);
    }

    private static boolean matches(MissionRecord mission, Set<MissionType> types, Set<String> nodes) {
        if (!types.isEmpty() && !types.contains(mission.spec().type())) {
            return false;
        }
        return nodes.isEmpty() || mission.shares().stream().map(NodeShare::nodeId).anyMatch(nodes::contains);
    }

    private static String stateNames() {
        return Arrays.stream(MissionState.values())
                .filter(s -> s != MissionState.UNRECOGNIZED && s != MissionState.MISSION_STATE_UNSPECIFIED)
                .map(Enum::name).collect(Collectors.joining(", "));
    }

    /** Position after the last mission of a page: its creation time (the index score) and id. */
    record Cursor(long createdAtMs, String missionId) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (CURSOR_VERSION + ":" + createdAtMs + ":" + missionId).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            String text;
            try {
                if (cursor.length() > 256) {
                    throw new IllegalArgumentException("too long");
                }
                text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw QueryParams.invalidCursor("cursor " + LogText.quote(cursor)
                        + " is not a cursor this API returned (X-Next-Cursor of the previous page)");
            }
            String[] parts = text.split(":", 3);
            if (parts.length == 3 && parts[0].equals(CURSOR_VERSION) && Ids.problem("mission id", parts[2]).isEmpty()) {
                try {
                    return new Cursor(Long.parseLong(parts[1]), parts[2]);
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            throw QueryParams.invalidCursor("cursor " + LogText.quote(cursor)
                    + " is not a cursor this API returned (X-Next-Cursor of the previous page)");
        }
    }
}
