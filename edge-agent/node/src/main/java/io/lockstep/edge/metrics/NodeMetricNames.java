package io.lockstep.edge.metrics;

/**
 * The node's meter names (Micrometer form; Prometheus shows dots as underscores, adds {@code _total} to
 * counters and the unit to meters with one, e.g. {@code lockstep_tick_duration_seconds_bucket}). The mesh
 * message counters use the OpenTelemetry messaging semantic conventions; docs/edge-node.md lists them all.
 */
public final class NodeMetricNames {

    public static final String TICK_DURATION = "lockstep.tick.duration";
    public static final String MISSION_TICK = "lockstep.mission.tick";
    public static final String AGENT_FUEL_USED = "lockstep.agent.fuel.used";
    public static final String SUPERVISOR_INTERVENTIONS = "lockstep.supervisor.interventions";
    public static final String LINK_CONNECTED = "lockstep.link.connected";
    public static final String OUTBOX_DEPTH = "lockstep.link.outbox.depth";
    public static final String OUTBOX_DROPPED = "lockstep.link.outbox.dropped";
    public static final String SPOOL_DEPTH = "lockstep.link.spool.depth";
    public static final String SPOOL_DROPPED = "lockstep.link.spool.dropped";
    public static final String TELEMETRY_REPLACED = "lockstep.link.telemetry.replaced";
    public static final String JOURNAL_SIZE = "lockstep.journal.size";
    public static final String MESH_PEERS = "lockstep.mesh.peers";
    public static final String MESH_SENT = "messaging.client.sent.messages";
    public static final String MESH_CONSUMED = "messaging.client.consumed.messages";
    public static final String MESH_DROPPED = "lockstep.mesh.messages.dropped";
    public static final String MESH_MALFORMED = "lockstep.mesh.messages.malformed";
    public static final String MESH_REFUSED_SENDERS = "lockstep.mesh.messages.refused";
    public static final String MESH_DROPPED_RECONNECTING = "lockstep.mesh.messages.dropped.reconnecting";
    public static final String MESH_PEERS_UNAUTHENTICATED = "lockstep.mesh.peers.refused.unauthenticated";
    public static final String MESH_PEERS_OVER_DECLARATION_CAP = "lockstep.mesh.peers.closed.declaration.cap";

    /** Tag keys. */
    public static final String NODE_ID = "lockstep.node.id";
    public static final String MISSION_ID = "lockstep.mission.id";
    public static final String AGENT_NAME = "lockstep.agent.name";
    public static final String RULE = "lockstep.supervisor.rule";
    public static final String MESSAGING_SYSTEM = "messaging.system";

    private NodeMetricNames() {
    }
}
