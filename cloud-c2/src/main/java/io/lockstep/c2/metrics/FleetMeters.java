package io.lockstep.c2.metrics;

import io.lockstep.c2.fleet.NodeRecord;
import io.lockstep.c2.fleet.NodeRegistry;
import io.lockstep.c2.link.LinkSessions;
import io.lockstep.c2.redis.RedisKeys;
import io.lockstep.c2.redis.RedisPipeline;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.lockstep.c2.redis.RedisTopology;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.set.SetCommands;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Gauges over the fleet as C2 sees it, read when scraped: live link sessions on this instance, commands
 * waiting for an acknowledgement (all nodes, from Redis, so every replica reports the same number) and how
 * stale the freshest word from the most out-of-date connected node is.
 */
@Singleton
public class FleetMeters implements MeterBinder {

    private static final Logger LOG = Logger.getLogger(FleetMeters.class);

    private final LinkSessions sessions;
    private final NodeRegistry registry;
    private final SetCommands<String, String> nodeIds;
    private final Clock clock;
    private final RedisPipeline pipeline;
    private final RedisTopology topology;

    public FleetMeters(LinkSessions sessions, NodeRegistry registry, RedisDataSource redis, RedisPipeline pipeline,
            RedisTopology topology, Clock clock) {
        this.pipeline = pipeline;
        this.topology = topology;
        this.sessions = sessions;
        this.registry = registry;
        this.nodeIds = redis.set(String.class);
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder(MetricNames.LINK_SESSIONS, sessions, s -> s.connectedNodes().size())
                .description("Nodes with a live link stream to this C2 instance")
                .register(meters);
        Gauge.builder(MetricNames.COMMANDS_PENDING, this, FleetMeters::pendingCommands)
                .description("Commands sent to nodes and not yet acknowledged, over the whole fleet")
                .register(meters);
        Gauge.builder(MetricNames.NODES_KNOWN, this, FleetMeters::knownNodes)
                .description("Nodes that ever said Hello to the fleet's C2")
                .register(meters);
        Gauge.builder(MetricNames.STATUS_LAG_MAX, this, FleetMeters::maxStatusLagSeconds)
                .description("Age of the latest heartbeat or status of the most out-of-date connected node")
                .baseUnit("seconds")
                .register(meters);
    }

    double pendingCommands() {
        try {
            List<Request> lengths = nodeIds.smembers(RedisKeys.nodes()).stream()
                    .map(nodeId -> Request.cmd(Command.HLEN).arg(RedisKeys.nodePendingCommands(nodeId))).toList();
            // One pipelined round trip for all nodes: a read per node took seconds at 1,000 nodes under load.
            long total = 0;
            for (Response answer : pipeline.run(lengths)) {
                total += answer == null ? 0 : answer.toLong();
            }
            return total;
        } catch (RuntimeException e) {
            LOG.debugf("pending commands unavailable: %s", e.toString());
            return Double.NaN;
        }
    }

    double knownNodes() {
        try {
            return nodeIds.scard(RedisKeys.nodes());
        } catch (RuntimeException e) {
            LOG.debugf("node count unavailable: %s", e.toString());
            return Double.NaN;
        }
    }

    /**
     * 0 with no node connected; a connected node that never reported counts from its Hello. Reads the fleet once
     * ({@link NodeRegistry#list()}, pipelined), not one node at a time.
     */
    double maxStatusLagSeconds() {
        try {
            Set<String> connected = Set.copyOf(sessions.connectedNodes());
            if (connected.isEmpty()) {
                return 0;
            }
            Instant now = clock.instant();
            double max = 0;
            // On a cluster list() reads node by node, so only the connected ones are read there.
            List<NodeRecord> nodes = topology.cluster()
                    ? connected.stream().map(registry::find).flatMap(Optional::stream).toList()
                    : registry.list();
            for (NodeRecord node : nodes) {
                Instant latest = connected.contains(node.nodeId()) ? latestWord(node) : null;
                if (latest != null) {
                    max = Math.max(max, Math.max(0, Duration.between(latest, now).toMillis() / 1000.0));
                }
            }
            return max;
        } catch (RuntimeException e) {
            LOG.debugf("status lag unavailable: %s", e.toString());
            return Double.NaN;
        }
    }

    private static Instant latestWord(NodeRecord node) {
        Instant latest = node.lastHelloAt();
        for (Instant at : new Instant[] {node.lastSeenAt(), node.lastHeartbeatAt()}) {
            if (at != null && (latest == null || at.isAfter(latest))) {
                latest = at;
            }
        }
        return latest;
    }
}
