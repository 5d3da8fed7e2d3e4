package io.lockstep.c2.link;

import com.google.protobuf.InvalidProtocolBufferException;
import io.lockstep.c2.redis.RedisKeys;
import io.lockstep.proto.v1.C2ToEdge;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The link's delivery bookkeeping in Redis, per node: the last command sequence number handed out, the
 * commands not yet acknowledged (seq → serialized C2ToEdge), and the highest edge {@code seq} stored.
 * Every change to a pending hash also moves {@link RedisKeys#pendingCommandsTotal()} atomically with it.
 */
@ApplicationScoped
public class LinkLedger {

    private static final Logger LOG = Logger.getLogger(LinkLedger.class);

    /** Removes the given fields from a pending hash and takes the number removed off the fleet total. */
    private static final String REMOVE = """
            local removed = redis.call('HDEL', KEYS[1], unpack(ARGV))
            if removed > 0 then redis.call('DECRBY', KEYS[2], removed) end
            return removed""";

    private final RedisDataSource redis;
    private final ValueCommands<String, Long> counters;
    private final HashCommands<String, String, byte[]> pending;

    public LinkLedger(RedisDataSource redis) {
        this.redis = redis;
        this.counters = redis.value(Long.class);
        this.pending = redis.hash(String.class, String.class, byte[].class);
    }

    /** The last command seq handed out to the node (0 when none). */
    public long lastCommandSeq(String nodeId) {
        Long stored = counters.get(RedisKeys.nodeCommandSeq(nodeId));
        return stored == null ? 0 : stored;
    }

    public long nextCommandSeq(String nodeId) {
        return counters.incr(RedisKeys.nodeCommandSeq(nodeId));
    }

    /**
     * Moves the command counter up to {@code floor} if it is lower, so new commands are never numbered
     * at or below what a node already applied (e.g. after C2 lost its Redis data).
     */
    public void raiseCommandSeqTo(String nodeId, long floor) {
        String key = RedisKeys.nodeCommandSeq(nodeId);
        Long current = counters.get(key);
        if (current == null || current < floor) {
            counters.set(key, floor);
        }
    }

    /** Stores a freshly numbered command (its seq is new, so the hash gains a field and the total one). */
    public void storePending(String nodeId, C2ToEdge command) {
        redis.withTransaction(tx -> {
            tx.hash(String.class, String.class, byte[].class).hset(RedisKeys.nodePendingCommands(nodeId),
                    Long.toString(command.getCommandSeq()), command.toByteArray());
            tx.value(Long.class).incr(RedisKeys.pendingCommandsTotal());
        });
    }

    private void removePending(String nodeId, List<String> fields) {
        if (fields.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(List.of(REMOVE, "2", RedisKeys.nodePendingCommands(nodeId),
                RedisKeys.pendingCommandsTotal()));
        args.addAll(fields);
        redis.execute("EVAL", args.toArray(String[]::new));
    }

    /** Commands the node has not acknowledged, in sequence order. */
    public List<C2ToEdge> pending(String nodeId) {
        List<C2ToEdge> commands = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : pending.hgetall(RedisKeys.nodePendingCommands(nodeId)).entrySet()) {
            try {
                commands.add(C2ToEdge.parseFrom(entry.getValue()));
            } catch (InvalidProtocolBufferException e) {
                LOG.errorf(e, "Dropping unreadable pending command %s of node %s", entry.getKey(), nodeId);
                removePending(nodeId, List.of(entry.getKey()));
            }
        }
        commands.sort(Comparator.comparingLong(C2ToEdge::getCommandSeq));
        return commands;
    }

    /** Removes an acknowledged command and returns it (empty when it was not pending). */
    public Optional<C2ToEdge> acknowledge(String nodeId, long commandSeq) {
        String key = RedisKeys.nodePendingCommands(nodeId);
        byte[] stored = pending.hget(key, Long.toString(commandSeq));
        if (stored == null) {
            return Optional.empty();
        }
        removePending(nodeId, List.of(Long.toString(commandSeq)));
        try {
            return Optional.of(C2ToEdge.parseFrom(stored));
        } catch (InvalidProtocolBufferException e) {
            LOG.errorf(e, "Acknowledged command %d of node %s was unreadable", commandSeq, nodeId);
            return Optional.empty();
        }
    }

    /** Drops every pending command with a sequence number up to {@code commandSeq} (the node applied them). */
    public void acknowledgeThrough(String nodeId, long commandSeq) {
        List<String> applied = new ArrayList<>();
        for (String field : pending.hkeys(RedisKeys.nodePendingCommands(nodeId))) {
            if (Long.parseLong(field) <= commandSeq) {
                applied.add(field);
            }
        }
        removePending(nodeId, applied);
    }

    public long lastEdgeSeq(String nodeId) {
        Long stored = counters.get(RedisKeys.nodeEdgeSeq(nodeId));
        return stored == null ? 0 : stored;
    }

    public void storeLastEdgeSeq(String nodeId, long seq) {
        counters.set(RedisKeys.nodeEdgeSeq(nodeId), seq);
    }
}
