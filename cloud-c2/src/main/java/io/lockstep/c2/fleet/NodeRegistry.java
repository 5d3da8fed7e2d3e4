package io.lockstep.c2.fleet;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.redis.JsonCodec;
import io.lockstep.c2.redis.RedisKeys;
import io.lockstep.c2.redis.RedisPipeline;
import io.lockstep.c2.redis.RedisTopology;
import io.lockstep.proto.v1.Heartbeat;
import io.lockstep.proto.v1.Hello;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.set.SetCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every node that ever connected, in Redis: a set of ids plus one hash per node. Fields are written
 * individually so a heartbeat and an e-stop change never overwrite each other. Writes that touch more
 * than one key, or that depend on what is stored, are Lua scripts: Redis runs each atomically, so a
 * failure can never leave a node hash without its set entry, and concurrent writers cannot interleave. Each
 * script touches the keys of one hash tag only (see {@link RedisKeys}), so it also runs on Redis Cluster.
 */
@ApplicationScoped
public class NodeRegistry {

    private static final String SOFTWARE_VERSION = "softwareVersion";
    private static final String ABI_VERSION = "abiVersion";
    private static final String CAPABILITIES = "capabilities";
    private static final String FIRST_SEEN = "firstSeenAt";
    private static final String LAST_HELLO = "lastHelloAt";
    private static final String LAST_SEEN = "lastSeenAt";
    private static final String LAST_HEARTBEAT = "lastHeartbeatAt";
    private static final String MISSION = "missionId";
    private static final String TICK = "tick";
    private static final String STATE = "state";
    private static final String ESTOP = "estopEngaged";
    private static final String ESTOP_REASON = "estopReason";
    private static final String ESTOP_SEQ = "estopSeq";
    private static final String ESTOP_AT = "estopRequestedAt";
    private static final String ESTOP_CONFIRMED = "estopConfirmedEngaged";
    private static final String ESTOP_CONFIRMED_REASON = "estopConfirmedReason";
    private static final String ESTOP_CONFIRMED_SEQ = "estopConfirmedSeq";
    private static final String ESTOP_CONFIRMED_AT = "estopConfirmedAt";
    private static final String ESTOP_REFUSED_SEQ = "estopRefusedSeq";
    private static final String ESTOP_REFUSAL = "estopRefusal";
    private static final String NODE_LATCHED = "nodeLatchLatched";
    private static final String NODE_LATCH_DETAIL = "nodeLatchDetail";
    private static final String NODE_LATCH_AT = "nodeLatchReportedAt";

    /**
     * KEYS: node set. ARGV: id, max nodes (0 = no limit). Adds the id unless the fleet is full; 1 when the
     * id is (now) in the set. The set has no hash tag, so it is never in one script with a node's keys.
     */
    private static final String ADMIT = """
            if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 1 end
            local max = tonumber(ARGV[2])
            if max > 0 and redis.call('SCARD', KEYS[1]) >= max then return 0 end
            redis.call('SADD', KEYS[1], ARGV[1])
            return 1""";

    /** KEYS: node hash. ARGV: firstSeenAt, field/value pairs. */
    private static final String REGISTER = """
            redis.call('HSETNX', KEYS[1], 'firstSeenAt', ARGV[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 2))
            return 1""";

    /**
     * KEYS: node hash. ARGV: field/value pairs. Writes only for a registered node: its hash is written right
     * after its id enters the node set, and neither is removed, so the hash stands for the registration.
     */
    private static final String UPDATE_KNOWN = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('HSET', KEYS[1], unpack(ARGV, 1))
            return 1""";

    /**
     * KEYS: node hash. ARGV: seq field, seq, field/value pairs. Writes only if seq is above the stored
     * one, so the state always belongs to the highest command seq whatever order the writes land in.
     */
    private static final String WRITE_IF_NEWER = """
            local stored = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
            if tonumber(ARGV[2]) <= stored then return 0 end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2], unpack(ARGV, 3))
            return 1""";

    private final RedisDataSource redis;
    private final RedisTopology topology;
    private final RedisPipeline pipeline;
    private final SetCommands<String, String> ids;
    private final HashCommands<String, String, String> fields;
    private final ValueCommands<String, String> telemetry;
    private final JsonCodec json;
    private final int maxNodes;

    public NodeRegistry(RedisDataSource redis, RedisTopology topology, RedisPipeline pipeline,
            JsonCodec json, C2Config config) {
        this.redis = redis;
        this.topology = topology;
        this.pipeline = pipeline;
        this.ids = redis.set(String.class);
        this.fields = redis.hash(String.class);
        this.telemetry = redis.value(String.class);
        this.json = json;
        this.maxNodes = config.fleet().maxNodes();
    }

    /**
     * Registers a node's Hello. A node id C2 has never seen is refused once the fleet holds
     * {@code lockstep.c2.fleet.max-nodes} nodes, so a peer on the link cannot grow Redis without bound.
     */
    public void registerHello(Hello hello, Instant at) {
        String nodeId = hello.getNodeId();
        NodeRecord.Capabilities capabilities = new NodeRecord.Capabilities(
                List.copyOf(hello.getCapabilities().getHostFunctionsList()),
                List.copyOf(hello.getCapabilities().getModelsList()), hello.getCapabilities().getGpu(),
                hello.getCapabilities().getMaxAgents(), hello.getCapabilities().getVehicleKind(),
                hello.getCapabilities().getAgentMemoryBudgetBytes());
        if (eval(ADMIT, List.of(RedisKeys.nodes()), nodeId, Integer.toString(maxNodes)) == 0) {
            throw new FleetFullException(nodeId, maxNodes);
        }
        // A failure between the two writes leaves an id without a hash: listed by no read (they skip nodes
        // without a hash), and completed by the node's next Hello.
        eval(REGISTER, List.of(RedisKeys.node(nodeId)), at.toString(),
                SOFTWARE_VERSION, hello.getSoftwareVersion(),
                ABI_VERSION, Integer.toString(hello.getAbiVersion()),
                CAPABILITIES, json.write(capabilities),
                LAST_HELLO, at.toString(),
                LAST_SEEN, at.toString());
    }

    public void recordSeen(String nodeId, Instant at) {
        updateKnown(nodeId, LAST_SEEN, at.toString());
    }

    public void recordHeartbeat(String nodeId, Heartbeat heartbeat, Instant at) {
        updateKnown(nodeId, LAST_SEEN, at.toString(), LAST_HEARTBEAT, at.toString(),
                MISSION, heartbeat.getMissionId(), TICK, Long.toString(heartbeat.getTick()),
                STATE, heartbeat.getState().name());
        if (heartbeat.hasEstopLatch()) {
            String detail = heartbeat.getEstopLatch().getDetail();
            updateKnown(nodeId, NODE_LATCHED, Boolean.toString(heartbeat.getEstopLatch().getLatched()),
                    NODE_LATCH_DETAIL, detail.length() > 512 ? detail.substring(0, 512) : detail,
                    NODE_LATCH_AT, at.toString());
        }
    }

    /** Records that e-stop command {@code commandSeq} asks for {@code engaged} (ignored if a later one was recorded). */
    public void requestEmergencyStop(String nodeId, long commandSeq, boolean engaged, String reason, Instant at) {
        writeIfNewer(nodeId, ESTOP_SEQ, commandSeq, ESTOP, Boolean.toString(engaged), ESTOP_REASON, reason,
                ESTOP_AT, at.toString());
    }

    /**
     * {@link #requestEmergencyStop} for many nodes in one pipelined round trip (a fleet-wide stop): node id →
     * the command seq of its e-stop command.
     */
    public void requestEmergencyStops(Map<String, Long> commandSeqs, boolean engaged, String reason, Instant at) {
        List<Request> writes = new ArrayList<>(commandSeqs.size());
        commandSeqs.forEach((nodeId, seq) -> writes.add(RedisPipeline.request(Command.EVAL,
                WRITE_IF_NEWER, "1", RedisKeys.node(nodeId), ESTOP_SEQ, seq, ESTOP, Boolean.toString(engaged),
                ESTOP_REASON, reason, ESTOP_AT, at.toString())));
        pipeline.run(writes);
    }

    /** Records that the node applied e-stop command {@code commandSeq} (ignored if a later one was confirmed). */
    public void confirmEmergencyStop(String nodeId, long commandSeq, boolean engaged, String reason, Instant at) {
        writeIfNewer(nodeId, ESTOP_CONFIRMED_SEQ, commandSeq, ESTOP_CONFIRMED, Boolean.toString(engaged),
                ESTOP_CONFIRMED_REASON, reason, ESTOP_CONFIRMED_AT, at.toString());
    }

    /** Records that the node refused e-stop command {@code commandSeq}; its latch stays as last confirmed. */
    public void refuseEmergencyStop(String nodeId, long commandSeq, String error) {
        writeIfNewer(nodeId, ESTOP_REFUSED_SEQ, commandSeq, ESTOP_REFUSAL, error);
    }

    public EmergencyStopState emergencyStop(String nodeId) {
        return emergencyStop(fields.hgetall(RedisKeys.node(nodeId)));
    }

    public boolean exists(String nodeId) {
        return ids.sismember(RedisKeys.nodes(), nodeId);
    }

    public int count() {
        return (int) ids.scard(RedisKeys.nodes());
    }

    public Optional<NodeRecord> find(String nodeId) {
        if (!exists(nodeId)) {
            return Optional.empty();
        }
        Map<String, String> values = fields.hgetall(RedisKeys.node(nodeId));
        if (values.isEmpty()) {
            return Optional.empty();
        }
        String latest = telemetry.get(RedisKeys.nodeTelemetry(nodeId));
        return Optional.of(record(nodeId, values, latest));
    }

    private NodeRecord record(String nodeId, Map<String, String> values, String latest) {
        return new NodeRecord(nodeId, values.getOrDefault(SOFTWARE_VERSION, ""),
                parseInt(values.get(ABI_VERSION)),
                values.containsKey(CAPABILITIES) ? json.read(values.get(CAPABILITIES), NodeRecord.Capabilities.class) : null,
                instant(values.get(FIRST_SEEN)), instant(values.get(LAST_HELLO)), instant(values.get(LAST_SEEN)),
                instant(values.get(LAST_HEARTBEAT)), values.get(MISSION), parseLong(values.get(TICK)),
                values.get(STATE), emergencyStop(values),
                latest == null ? null : json.read(latest, TelemetrySample.class));
    }

    /**
     * What each of {@code nodeIds} advertised in its last Hello, read in one pipelined round trip (a dispatch
     * to 1,000 nodes checks them all); a node without a record is absent.
     */
    public Map<String, NodeRecord.Capabilities> capabilities(List<String> nodeIds) {
        List<Request> reads = new ArrayList<>(nodeIds.size());
        nodeIds.forEach(nodeId -> reads.add(RedisPipeline.request(Command.HGET,
                RedisKeys.node(nodeId), CAPABILITIES)));
        List<Response> answers = pipeline.run(reads);
        Map<String, NodeRecord.Capabilities> capabilities = new HashMap<>();
        for (int i = 0; i < nodeIds.size(); i++) {
            if (answers.get(i) != null) {
                capabilities.put(nodeIds.get(i), json.read(answers.get(i).toString(), NodeRecord.Capabilities.class));
            }
        }
        return capabilities;
    }

    /** {@link #lastSeen} of many nodes in one pipelined round trip; a node never heard from is absent. */
    public Map<String, Instant> lastSeen(List<String> nodeIds) {
        List<Request> reads = new ArrayList<>(nodeIds.size());
        nodeIds.forEach(nodeId -> reads.add(RedisPipeline.request(Command.HGET,
                RedisKeys.node(nodeId), LAST_SEEN)));
        List<Response> answers = pipeline.run(reads);
        Map<String, Instant> seen = new HashMap<>();
        for (int i = 0; i < nodeIds.size(); i++) {
            if (answers.get(i) != null) {
                seen.put(nodeIds.get(i), Instant.parse(answers.get(i).toString()));
            }
        }
        return seen;
    }

    /** When the node was last heard from (any message), or empty when it never connected. */
    public Optional<Instant> lastSeen(String nodeId) {
        return Optional.ofNullable(instant(fields.hget(RedisKeys.node(nodeId), LAST_SEEN)));
    }

    /** Every registered node id, sorted (one Redis call, unlike {@link #list()}). */
    public List<String> ids() {
        return ids.smembers(RedisKeys.nodes()).stream().sorted().toList();
    }

    /**
     * Every registered node, sorted by id. The node hashes and latest samples are read in one pipelined
     * round trip (the dashboard's re-read of 1,000 nodes was 3,000 round trips); should the pipelined
     * answer not have the expected shape, the nodes are read one by one as before. Redis Cluster refuses a
     * pipeline over many slots, so there the nodes are read one by one.
     */
    public List<NodeRecord> list() {
        List<String> known = ids();
        if (known.isEmpty()) {
            return List.of();
        }
        if (topology.cluster()) {
            return known.stream().map(this::find).flatMap(Optional::stream).toList();
        }
        try {
            return listPipelined(known);
        } catch (RuntimeException e) {
            return known.stream().map(this::find).flatMap(Optional::stream)
                    .sorted(Comparator.comparing(NodeRecord::nodeId)).toList();
        }
    }

    private List<NodeRecord> listPipelined(List<String> known) {
        List<Request> requests = new ArrayList<>(known.size() * 2);
        for (String nodeId : known) {
            requests.add(Request.cmd(Command.HGETALL).arg(RedisKeys.node(nodeId)));
            requests.add(Request.cmd(Command.GET).arg(RedisKeys.nodeTelemetry(nodeId)));
        }
        List<Response> answers = redis.getReactive().getRedis().batchAndAwait(requests);
        if (answers.size() != requests.size()) {
            throw new IllegalStateException("pipelined read answered " + answers.size() + " of " + requests.size());
        }
        List<NodeRecord> records = new ArrayList<>(known.size());
        for (int i = 0; i < known.size(); i++) {
            Map<String, String> values = hash(answers.get(2 * i));
            if (values.isEmpty()) {
                continue;
            }
            Response latest = answers.get(2 * i + 1);
            records.add(record(known.get(i), values, latest == null ? null : latest.toString()));
        }
        return records;
    }

    private static Map<String, String> hash(Response answer) {
        Map<String, String> values = new HashMap<>();
        RedisPipeline.hash(answer).forEach((field, value) -> values.put(field, value.toString()));
        return values;
    }

    private static EmergencyStopState emergencyStop(Map<String, String> values) {
        return new EmergencyStopState(Boolean.parseBoolean(values.get(ESTOP)), values.getOrDefault(ESTOP_REASON, ""),
                parseLong(values.get(ESTOP_SEQ)), instant(values.get(ESTOP_AT)),
                Boolean.parseBoolean(values.get(ESTOP_CONFIRMED)), values.getOrDefault(ESTOP_CONFIRMED_REASON, ""),
                parseLong(values.get(ESTOP_CONFIRMED_SEQ)), instant(values.get(ESTOP_CONFIRMED_AT)),
                parseLong(values.get(ESTOP_REFUSED_SEQ)), values.getOrDefault(ESTOP_REFUSAL, ""),
                values.containsKey(NODE_LATCHED) ? new EmergencyStopState.NodeLatch(
                        Boolean.parseBoolean(values.get(NODE_LATCHED)), values.getOrDefault(NODE_LATCH_DETAIL, ""),
                        instant(values.get(NODE_LATCH_AT))) : null);
    }

    private void updateKnown(String nodeId, String... fieldValues) {
        eval(UPDATE_KNOWN, List.of(RedisKeys.node(nodeId)), fieldValues);
    }

    private void writeIfNewer(String nodeId, String seqField, long seq, String... fieldValues) {
        List<String> args = new ArrayList<>();
        args.add(seqField);
        args.add(Long.toString(seq));
        args.addAll(List.of(fieldValues));
        eval(WRITE_IF_NEWER, List.of(RedisKeys.node(nodeId)), args.toArray(String[]::new));
    }

    private long eval(String script, List<String> keys, String... args) {
        List<String> command = new ArrayList<>();
        command.add(script);
        command.add(Integer.toString(keys.size()));
        command.addAll(keys);
        command.addAll(List.of(args));
        return redis.execute("EVAL", command.toArray(String[]::new)).toLong();
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }

    private static int parseInt(String value) {
        return value == null ? 0 : Integer.parseInt(value);
    }

    private static long parseLong(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }
}
