package io.lockstep.c2.fleet;

import io.lockstep.c2.redis.JsonCodec;
import io.lockstep.c2.redis.RedisKeys;
import io.lockstep.proto.v1.Heartbeat;
import io.lockstep.proto.v1.Hello;
import io.lockstep.proto.v1.Telemetry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.set.SetCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every node that ever connected, in Redis: a set of ids plus one hash per node. Fields are written
 * individually so a heartbeat and an e-stop change never overwrite each other.
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

    private final SetCommands<String, String> ids;
    private final HashCommands<String, String, String> fields;
    private final ValueCommands<String, String> telemetry;
    private final JsonCodec json;

    public NodeRegistry(RedisDataSource redis, JsonCodec json) {
        this.ids = redis.set(String.class);
        this.fields = redis.hash(String.class);
        this.telemetry = redis.value(String.class);
        this.json = json;
    }

    public void registerHello(Hello hello, Instant at) {
        String key = RedisKeys.node(hello.getNodeId());
        NodeRecord.Capabilities capabilities = new NodeRecord.Capabilities(
                List.copyOf(hello.getCapabilities().getHostFunctionsList()),
                List.copyOf(hello.getCapabilities().getModelsList()), hello.getCapabilities().getGpu(),
                hello.getCapabilities().getMaxAgents(), hello.getCapabilities().getVehicleKind(),
                hello.getCapabilities().getAgentMemoryBudgetBytes());
        fields.hsetnx(key, FIRST_SEEN, at.toString());
        fields.hset(key, Map.of(SOFTWARE_VERSION, hello.getSoftwareVersion(),
                ABI_VERSION, Integer.toString(hello.getAbiVersion()),
                CAPABILITIES, json.write(capabilities),
                LAST_HELLO, at.toString(),
                LAST_SEEN, at.toString()));
        ids.sadd(RedisKeys.nodes(), hello.getNodeId());
    }

    public void recordSeen(String nodeId, Instant at) {
        fields.hset(RedisKeys.node(nodeId), LAST_SEEN, at.toString());
    }

    public void recordHeartbeat(String nodeId, Heartbeat heartbeat, Instant at) {
        fields.hset(RedisKeys.node(nodeId), Map.of(LAST_SEEN, at.toString(), LAST_HEARTBEAT, at.toString(),
                MISSION, heartbeat.getMissionId(), TICK, Long.toString(heartbeat.getTick()),
                STATE, heartbeat.getState().name()));
    }

    public void recordTelemetry(String nodeId, Telemetry sample, Instant at) {
        TelemetrySample latest = new TelemetrySample(sample.getMissionId(), sample.getTick(), sample.getXM(),
                sample.getYM(), sample.getVxMps(), sample.getVyMps(), sample.getBatteryFraction(), at);
        telemetry.set(RedisKeys.nodeTelemetry(nodeId), json.write(latest));
        fields.hset(RedisKeys.node(nodeId), LAST_SEEN, at.toString());
    }

    public void setEmergencyStop(String nodeId, boolean engaged, String reason) {
        fields.hset(RedisKeys.node(nodeId), Map.of(ESTOP, Boolean.toString(engaged), ESTOP_REASON, reason));
    }

    /** The reason of the node's latched emergency stop; empty when it is not engaged. */
    public Optional<String> emergencyStopReason(String nodeId) {
        String key = RedisKeys.node(nodeId);
        if (!Boolean.parseBoolean(fields.hget(key, ESTOP))) {
            return Optional.empty();
        }
        String reason = fields.hget(key, ESTOP_REASON);
        return Optional.of(reason == null ? "" : reason);
    }

    public boolean exists(String nodeId) {
        return ids.sismember(RedisKeys.nodes(), nodeId);
    }

    public Optional<NodeRecord> find(String nodeId) {
        if (!exists(nodeId)) {
            return Optional.empty();
        }
        Map<String, String> values = fields.hgetall(RedisKeys.node(nodeId));
        String latest = telemetry.get(RedisKeys.nodeTelemetry(nodeId));
        return Optional.of(new NodeRecord(nodeId, values.getOrDefault(SOFTWARE_VERSION, ""),
                parseInt(values.get(ABI_VERSION)),
                values.containsKey(CAPABILITIES) ? json.read(values.get(CAPABILITIES), NodeRecord.Capabilities.class) : null,
                instant(values.get(FIRST_SEEN)), instant(values.get(LAST_HELLO)), instant(values.get(LAST_SEEN)),
                instant(values.get(LAST_HEARTBEAT)), values.get(MISSION), parseLong(values.get(TICK)),
                values.get(STATE), Boolean.parseBoolean(values.get(ESTOP)), values.get(ESTOP_REASON),
                latest == null ? null : json.read(latest, TelemetrySample.class)));
    }

    public List<NodeRecord> list() {
        return ids.smembers(RedisKeys.nodes()).stream()
                .map(this::find)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(NodeRecord::nodeId))
                .toList();
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
