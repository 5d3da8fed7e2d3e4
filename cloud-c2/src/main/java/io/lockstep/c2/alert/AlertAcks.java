package io.lockstep.c2.alert;

import io.lockstep.c2.redis.JsonCodec;
import io.lockstep.c2.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.sortedset.SortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Alert acknowledgements, shared by every commander and every C2 replica: stored in Redis by alert id (a
 * hash of the records and a sorted set by time), the first acknowledgement of an alert wins, and only the
 * newest {@value #KEEP} are kept.
 */
@ApplicationScoped
public class AlertAcks {

    public static final int KEEP = 10_000;

    private final HashCommands<String, String, String> hashes;
    private final SortedSetCommands<String, String> order;
    private final JsonCodec json;

    public AlertAcks(RedisDataSource redis, JsonCodec json) {
        this.hashes = redis.hash(String.class);
        this.order = redis.sortedSet(String.class);
        this.json = json;
    }

    /** Stores {@code ack} unless the alert was already acknowledged; returns the acknowledgement that holds. */
    public AlertAck acknowledge(AlertAck ack) {
        if (!hashes.hsetnx(RedisKeys.alertAcks(), ack.alertId(), json.write(ack))) {
            return find(ack.alertId()).orElse(ack);
        }
        order.zadd(RedisKeys.alertAckOrder(), ack.atMs(), ack.alertId());
        long size = order.zcard(RedisKeys.alertAckOrder());
        if (size > KEEP) {
            List<String> oldest = order.zrange(RedisKeys.alertAckOrder(), 0, size - KEEP - 1);
            if (!oldest.isEmpty()) {
                order.zrem(RedisKeys.alertAckOrder(), oldest.toArray(String[]::new));
                hashes.hdel(RedisKeys.alertAcks(), oldest.toArray(String[]::new));
            }
        }
        return ack;
    }

    public Optional<AlertAck> find(String alertId) {
        String stored = hashes.hget(RedisKeys.alertAcks(), alertId);
        return stored == null ? Optional.empty() : Optional.of(json.read(stored, AlertAck.class));
    }

    /** The newest {@code limit} acknowledgements, newest first. */
    public List<AlertAck> newest(int limit) {
        List<String> ids = order.zrange(RedisKeys.alertAckOrder(), 0, limit - 1, new ZRangeArgs().rev());
        List<AlertAck> out = new ArrayList<>(ids.size());
        if (ids.isEmpty()) {
            return out;
        }
        var stored = hashes.hmget(RedisKeys.alertAcks(), ids.toArray(String[]::new));
        for (String id : ids) {
            String value = stored.get(id);
            if (value != null) {
                out.add(json.read(value, AlertAck.class));
            }
        }
        return out;
    }
}
