package io.lockstep.c2.metrics;

import io.lockstep.c2.fleet.NodeRecord;
import io.lockstep.c2.fleet.NodeRegistry;
import io.lockstep.c2.link.LinkSessions;
import io.lockstep.c2.redis.RedisKeys;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.lockstep.c2.redis.RedisTopology;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
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
    private final HashCommands<String, String, byte[]> pending;
    private final Clock clock;
    private final RedisDataSource redis;
    private final RedisTopology topology;

    public FleetMeters(LinkSessions sessions, NodeRegistry registry, RedisDataSource redis, RedisTopology topology,
            Clock clock) {
        this.redis = redis;
        this.topology = topology;
        this.sessions = sessions;
        this.registry = registry;
        this.nodeIds = redis.set(String.class);
        this.pending = redis.hash(String.class, String.class, byte[].class);
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
            Set<String> known = nodeIds.smembers(RedisKeys.nodes());
            if (!topology.cluster()) {
                return pendingPipelined(known);
            }
            long total = 0;
            for (String nodeId : known) {
                total += pending.hlen(RedisKeys.nodePendingCommands(nodeId));
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

    /** One pipelined round trip for all nodes: a read per node would take seconds at 1,000 nodes under load. */
    private long pendingPipelined(Set<String> known) {
        if (known.isEmpty()) {
            return 0;
        }
        List<Request> requests = known.stream()
                .map(nodeId -> Request.cmd(Command.HLEN).arg(RedisKeys.nodePendingCommands(nodeId))).toList();
        long total = 0;
        for (Response answer : redis.getReactive().getRedis().batchAndAwait(requests)) {
            total += answer == null ? 0 : answer.toLong();
        }
        return total;
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
