package io.lockstep.c2.link;

import com.google.protobuf.InvalidProtocolBufferException;
import io.lockstep.c2.redis.RedisKeys;
import io.lockstep.c2.redis.RedisPipeline;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.util.Collection;
import java.util.LinkedHashMap;
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
 */
@ApplicationScoped
public class LinkLedger {

    private static final Logger LOG = Logger.getLogger(LinkLedger.class);

    /** KEYS: the node's edge seq. ARGV: seq. Raises it, never lowers it (two streams of a node may overlap). */
    private static final String RAISE = """
            local stored = tonumber(redis.call('GET', KEYS[1]) or '0')
            if tonumber(ARGV[1]) > stored then redis.call('SET', KEYS[1], ARGV[1]) end
            return 1""";

    private final ValueCommands<String, Long> counters;
    private final HashCommands<String, String, byte[]> pending;
    private final RedisPipeline pipeline;

    public LinkLedger(RedisDataSource redis, RedisPipeline pipeline) {
        this.counters = redis.value(Long.class);
        this.pending = redis.hash(String.class, String.class, byte[].class);
        this.pipeline = pipeline;
    }

    /** {@link #nextCommandSeq} for many nodes in one round trip; node id → its new command seq. */
    public Map<String, Long> nextCommandSeqs(List<String> nodeIds) {
        List<Request> increments = new ArrayList<>(nodeIds.size());
        nodeIds.forEach(nodeId -> increments.add(RedisPipeline.request(Command.INCR, RedisKeys.nodeCommandSeq(nodeId))));
        List<Response> answers = pipeline.run(increments);
        Map<String, Long> seqs = new LinkedHashMap<>();
        for (int i = 0; i < nodeIds.size(); i++) {
            seqs.put(nodeIds.get(i), answers.get(i).toLong());
        }
        return seqs;
    }

    /** {@link #storePending} for many nodes in one round trip: node id → its numbered command. */
    public void storePending(Map<String, C2ToEdge> commands) {
        List<Request> writes = new ArrayList<>(commands.size());
        commands.forEach((nodeId, command) -> writes.add(RedisPipeline.request(Command.HSET,
                RedisKeys.nodePendingCommands(nodeId), Long.toString(command.getCommandSeq()), command.toByteArray())));
        pipeline.run(writes);
    }

    /** {@link #pending(String)} of many nodes in one round trip: node id → its unacknowledged commands in order. */
    public Map<String, List<C2ToEdge>> pending(Collection<String> nodeIds) {
        List<String> ids = List.copyOf(nodeIds);
        List<Request> reads = new ArrayList<>(ids.size());
        ids.forEach(nodeId -> reads.add(RedisPipeline.request(Command.HGETALL, RedisKeys.nodePendingCommands(nodeId))));
        List<Response> answers = pipeline.run(reads);
        Map<String, List<C2ToEdge>> byNode = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            Map<String, byte[]> stored = new LinkedHashMap<>();
            RedisPipeline.hash(answers.get(i)).forEach((field, value) -> stored.put(field, value.toBytes()));
            byNode.put(ids.get(i), parsed(ids.get(i), stored));
        }
        return byNode;
    }

    /** What a command ack needs to know: the node's stored edge seq and the command it acknowledges, if pending. */
    public record AckLookup(long lastEdgeSeq, Optional<C2ToEdge> command) {
    }

    /** Reads the node's edge seq and pending command {@code commandSeq} in one round trip. */
    public AckLookup lookUpAck(String nodeId, long commandSeq) {
        List<Response> answers = pipeline.run(List.of(
                RedisPipeline.request(Command.GET, RedisKeys.nodeEdgeSeq(nodeId)),
                RedisPipeline.request(Command.HGET, RedisKeys.nodePendingCommands(nodeId), Long.toString(commandSeq))));
        long lastEdgeSeq = answers.get(0) == null ? 0 : answers.get(0).toLong();
        Optional<C2ToEdge> command = Optional.empty();
        if (answers.get(1) != null) {
            try {
                command = Optional.of(C2ToEdge.parseFrom(answers.get(1).toBytes()));
            } catch (InvalidProtocolBufferException e) {
                LOG.errorf(e, "Acknowledged command %d of node %s was unreadable", commandSeq, nodeId);
            }
        }
        return new AckLookup(lastEdgeSeq, command);
    }

    /**
     * Forgets acknowledged command {@code commandSeq} and raises the node's edge seq to {@code edgeSeq}, the
     * ack's own, in one round trip. Each is idempotent, so an ack applied twice (a crash between its effects
     * and this) changes nothing the second time.
     */
    public void commitAck(String nodeId, long edgeSeq, long commandSeq) {
        pipeline.run(List.of(
                RedisPipeline.request(Command.HDEL, RedisKeys.nodePendingCommands(nodeId), Long.toString(commandSeq)),
                RedisPipeline.request(Command.EVAL, RAISE, "1", RedisKeys.nodeEdgeSeq(nodeId), edgeSeq)));
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

    public void storePending(String nodeId, C2ToEdge command) {
        pending.hset(RedisKeys.nodePendingCommands(nodeId), Long.toString(command.getCommandSeq()), command.toByteArray());
    }

    /** Commands the node has not acknowledged, in sequence order. */
    public List<C2ToEdge> pending(String nodeId) {
        return parsed(nodeId, pending.hgetall(RedisKeys.nodePendingCommands(nodeId)));
    }

    private List<C2ToEdge> parsed(String nodeId, Map<String, byte[]> stored) {
        List<C2ToEdge> commands = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : stored.entrySet()) {
            try {
                commands.add(C2ToEdge.parseFrom(entry.getValue()));
            } catch (InvalidProtocolBufferException e) {
                LOG.errorf(e, "Dropping unreadable pending command %s of node %s", entry.getKey(), nodeId);
                pending.hdel(RedisKeys.nodePendingCommands(nodeId), entry.getKey());
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
        pending.hdel(key, Long.toString(commandSeq));
        try {
            return Optional.of(C2ToEdge.parseFrom(stored));
        } catch (InvalidProtocolBufferException e) {
            LOG.errorf(e, "Acknowledged command %d of node %s was unreadable", commandSeq, nodeId);
            return Optional.empty();
        }
    }

    /** Drops every pending command with a sequence number up to {@code commandSeq} (the node applied them). */
    public void acknowledgeThrough(String nodeId, long commandSeq) {
        String key = RedisKeys.nodePendingCommands(nodeId);
        for (String field : pending.hkeys(key)) {
            if (Long.parseLong(field) <= commandSeq) {
                pending.hdel(key, field);
            }
        }
    }

    public long lastEdgeSeq(String nodeId) {
        Long stored = counters.get(RedisKeys.nodeEdgeSeq(nodeId));
        return stored == null ? 0 : stored;
    }

    /** Raises the node's stored edge seq to {@code seq} (never lowers it: a lock-free ack may have stored a higher one). */
    public void storeLastEdgeSeq(String nodeId, long seq) {
        pipeline.run(List.of(RedisPipeline.request(Command.EVAL, RAISE, "1", RedisKeys.nodeEdgeSeq(nodeId), seq)));
    }
}
