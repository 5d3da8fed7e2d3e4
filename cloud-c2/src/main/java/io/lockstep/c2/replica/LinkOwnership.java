package io.lockstep.c2.replica;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Which replica holds each node's link, in Redis ({@link RedisKeys#nodeLinkOwner}) under a lease. The newest
 * connection of a node always wins the claim; the replica holding it renews the lease while the link is up,
 * and a replica that dies stops renewing, so its claims expire after {@code lockstep.c2.replicas.link-lease}.
 * Every write is one command or one script on one key, so it is atomic and Redis Cluster safe.
 */
@ApplicationScoped
public class LinkOwnership {

    /** Renews while the claim is ours, or re-claims a lease that expired while Redis was away; 0 if another took it. */
    private static final String RENEW = """
            local owner = redis.call('GET', KEYS[1])
            if owner == ARGV[1] or not owner then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 1
            end
            return 0""";

    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""";

    private final RedisDataSource redis;
    private final io.lockstep.c2.redis.RedisPipeline pipeline;
    private final KeyCommands<String> keys;
    private final Duration lease;

    public LinkOwnership(RedisDataSource redis, io.lockstep.c2.redis.RedisPipeline pipeline, C2Config config) {
        this.redis = redis;
        this.pipeline = pipeline;
        this.keys = redis.key(String.class);
        this.lease = config.replicas().linkLease();
    }

    public Duration lease() {
        return lease;
    }

    /** Records that {@code token} (a link session on this replica) now holds the node's link. */
    public void claim(String nodeId, String token) {
        redis.execute("SET", RedisKeys.nodeLinkOwner(nodeId), token, "PX", Long.toString(lease.toMillis()));
    }

    /** @return false when another session (on any replica) has claimed the node's link since */
    public boolean renew(String nodeId, String token) {
        return redis.execute("EVAL", RENEW, "1", RedisKeys.nodeLinkOwner(nodeId), token,
                Long.toString(lease.toMillis())).toLong() == 1;
    }

    /** Drops the claim if it is still {@code token}'s (a newer connection elsewhere keeps its own). */
    public void release(String nodeId, String token) {
        redis.execute("EVAL", RELEASE, "1", RedisKeys.nodeLinkOwner(nodeId), token);
    }

    /** Those of {@code nodeIds} some replica holds a live link of, in one pipelined round trip. */
    public java.util.Set<String> linked(java.util.List<String> nodeIds) {
        java.util.List<io.vertx.mutiny.redis.client.Request> checks = new java.util.ArrayList<>(nodeIds.size());
        nodeIds.forEach(nodeId -> checks.add(io.lockstep.c2.redis.RedisPipeline.request(
                io.vertx.mutiny.redis.client.Command.EXISTS, RedisKeys.nodeLinkOwner(nodeId))));
        java.util.List<io.vertx.mutiny.redis.client.Response> answers = pipeline.run(checks);
        java.util.Set<String> linked = new java.util.HashSet<>();
        for (int i = 0; i < nodeIds.size(); i++) {
            if (answers.get(i) != null && answers.get(i).toLong() > 0) {
                linked.add(nodeIds.get(i));
            }
        }
        return linked;
    }

    /** Whether some replica holds a live link of the node. */
    public boolean linked(String nodeId) {
        return keys.exists(RedisKeys.nodeLinkOwner(nodeId));
    }
}
