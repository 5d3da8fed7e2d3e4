package io.lockstep.edge.metrics;

import io.lockstep.edge.app.EdgeNode;
import io.lockstep.edge.link.LinkState;
import io.lockstep.edge.mesh.ZenohPeerMesh;
import io.lockstep.edge.mission.MissionView;
import io.lockstep.platform.safety.InterventionKind;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Binds one {@link EdgeNode}'s plain counters and queues to Micrometer: the values stay where they live
 * (supervisor, link, mesh, journal) and are read when scraped; only the tick loop pushes (through
 * {@link TickMeters}).
 */
public final class NodeMeterBinder implements MeterBinder {

    private final EdgeNode node;
    /** Everything this binder registered, so {@link #unbindFrom} can take it off again. */
    private final List<Meter> meters = new CopyOnWriteArrayList<>();

    public NodeMeterBinder(EdgeNode node) {
        this.node = node;
    }

    /**
     * Removes every meter {@link #bindTo} registered. The registry can outlive this node (a Quarkus restart in
     * the same JVM, as in tests): a meter left behind would keep answering for the old node, since registering
     * the same name and tags again returns the existing meter.
     */
    public void unbindFrom(MeterRegistry registry) {
        meters.forEach(registry::remove);
        meters.clear();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        node.ticks().observe(new TickMeters(registry, meters::add));
        meters.add(Gauge.builder(NodeMetricNames.MISSION_TICK, node, n -> n.mission().map(MissionView::tick).orElse(-1L))
                .description("Last tick of the current (or last) mission; -1 before the first")
                .register(registry));
        for (InterventionKind kind : InterventionKind.values()) {
            meters.add(FunctionCounter.builder(NodeMetricNames.SUPERVISOR_INTERVENTIONS, node,
                            n -> n.supervisor().counts().getOrDefault(kind, 0L))
                    .description("Times a safety supervisor rule started acting")
                    .tag(NodeMetricNames.RULE, kind.name())
                    .register(registry));
        }
        bindLink(registry);
        meters.add(Gauge.builder(NodeMetricNames.JOURNAL_SIZE, this, NodeMeterBinder::journalBytes)
                .description("Size of the current (or last) mission's journal")
                .baseUnit("bytes")
                .register(registry));
        node.mesh().ifPresent(mesh -> bindMesh(registry, mesh, node.settings().nodeId()));
    }

    private void bindLink(MeterRegistry registry) {
        meters.add(Gauge.builder(NodeMetricNames.LINK_CONNECTED, node, n -> n.link().state() == LinkState.CONNECTED ? 1 : 0)
                .description("1 while the link to C2 is up")
                .register(registry));
        meters.add(Gauge.builder(NodeMetricNames.OUTBOX_DEPTH, node, n -> n.outbox().pendingCount())
                .description("Status updates and acks waiting for C2's acknowledgement")
                .register(registry));
        meters.add(FunctionCounter.builder(NodeMetricNames.OUTBOX_DROPPED, node, n -> n.outbox().dropped())
                .description("Outbox entries dropped because the outbox was full")
                .register(registry));
        meters.add(Gauge.builder(NodeMetricNames.SPOOL_DEPTH, node, n -> n.spool().size())
                .description("Telemetry samples spooled while the link is down")
                .register(registry));
        meters.add(FunctionCounter.builder(NodeMetricNames.SPOOL_DROPPED, node, n -> n.spool().dropped())
                .description("Telemetry samples dropped because the spool was full")
                .register(registry));
        meters.add(FunctionCounter.builder(NodeMetricNames.TELEMETRY_REPLACED, node, n -> n.link().liveSamplesReplaced())
                .description("Live telemetry samples replaced by a newer one while the link stream was not ready")
                .register(registry));
    }

    private void bindMesh(MeterRegistry registry, ZenohPeerMesh mesh, String self) {
        String system = "zenoh";
        meters.add(Gauge.builder(NodeMetricNames.MESH_PEERS, mesh, m -> m.members().stream().filter(id -> !id.equals(self)).count())
                .description("Other nodes whose liveliness token this node sees")
                .register(registry));
        meters.add(FunctionCounter.builder(NodeMetricNames.MESH_SENT, mesh, ZenohPeerMesh::published)
                .description("Agent messages put on the mesh")
                .tag(NodeMetricNames.MESSAGING_SYSTEM, system)
                .register(registry));
        meters.add(FunctionCounter.builder(NodeMetricNames.MESH_CONSUMED, mesh, ZenohPeerMesh::received)
                .description("Peers' messages queued for this node's agents")
                .tag(NodeMetricNames.MESSAGING_SYSTEM, system)
                .register(registry));
        meters.add(FunctionCounter.builder(NodeMetricNames.MESH_DROPPED, mesh, ZenohPeerMesh::dropped)
                .description("Peer messages dropped: inbox full or publish refused")
                .register(registry));
        meters.add(FunctionCounter.builder(NodeMetricNames.MESH_MALFORMED, mesh, ZenohPeerMesh::malformed)
                .description("Peer messages ignored as malformed")
                .register(registry));
        meters.add(FunctionCounter.builder(NodeMetricNames.MESH_REFUSED_SENDERS, mesh, m -> m.senderCheck().refused())
                .description("Mesh messages refused: sender not the certified peer, or no fleet certificate")
                .register(registry));
        meters.add(FunctionCounter.builder(NodeMetricNames.MESH_DROPPED_RECONNECTING, mesh,
                        ZenohPeerMesh::droppedWhileReconnecting)
                .description("Publications that missed a peer whose mesh session was being re-established")
                .register(registry));
        meters.add(FunctionCounter.builder(NodeMetricNames.MESH_PEERS_UNAUTHENTICATED, mesh,
                        ZenohPeerMesh::unauthenticatedPeersRefused)
                .description("Mesh sessions refused: the peer had no certificate from the fleet CA")
                .register(registry));
        meters.add(FunctionCounter.builder(NodeMetricNames.MESH_PEERS_OVER_DECLARATION_CAP, mesh,
                        ZenohPeerMesh::peersOverDeclarationCap)
                .description("Mesh sessions closed: the peer declared more than the per-peer declaration cap")
                .register(registry));
    }

    private double journalBytes() {
        Optional<MissionView> mission = node.mission();
        if (mission.isEmpty()) {
            return 0;
        }
        Path journal = node.store().journalPath(mission.get().missionId());
        try {
            return Files.exists(journal) ? Files.size(journal) : 0;
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
