package io.lockstep.edge.mesh;

import io.lockstep.edge.hazard.HazardService;
import io.lockstep.edge.mission.PeerMesh;
import io.lockstep.mesh.api.LivelinessToken;
import io.lockstep.mesh.api.Locality;
import io.lockstep.mesh.api.PutOptions;
import io.lockstep.mesh.api.Sample;
import io.lockstep.mesh.api.SampleKind;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.Subscriber;
import io.lockstep.mesh.transport.CongestionControl;
import io.lockstep.platform.safety.EstopSource;
import io.lockstep.platform.safety.InterventionKind;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.swarm.hazard.HazardKeys;
import io.lockstep.swarm.hazard.SenderBinding;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.function.BiConsumer;
import java.util.function.Function;
import io.lockstep.runtime.EmittedMessage;
import io.lockstep.runtime.PeerMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The mesh over a Zenoh session (see {@link MeshKeys} for the key space): publishes the agents'
 * emitted messages, queues the peers' ones for the next tick, keeps a liveliness token for this
 * node and tracks the others', turns a peer's e-stop into a supervisor e-stop (source MESH: a
 * peer may stop this vehicle, only a commander may release it: a mesh release, a DELETE on
 * {@code lockstep/estop/<node>}, is refused and counted), and carries the node's hazards
 * ({@link HazardService}, {@code lockstep/swarm/hazards/<kind>/<node>}). E-stops and hazards carry W3C
 * trace context in their attachment ({@link MeshTraceContext}).
 */
public final class ZenohPeerMesh implements PeerMesh, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ZenohPeerMesh.class);
    /** Bounds what a chatty or hostile peer can queue between two ticks. */
    static final int MAX_QUEUED_PER_MISSION = 4_096;
    static final int MAX_REASON_CHARS = 256;

    private final Session session;
    private final String nodeId;
    private final LivelinessToken token;
    private final Subscriber members;
    private final Subscriber estops;
    private final Set<String> peers = ConcurrentHashMap.newKeySet();
    private final Map<String, Subscriber> missionSubscribers = new ConcurrentHashMap<>();
    private final Map<String, List<PeerMessage>> inbox = new ConcurrentHashMap<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final ZenohSwarmChannel swarm;
    private final MeshSenderCheck senders;
    private final HazardService hazards;
    private final Subscriber hazardSubscriber;
    private final Tracer tracer;
    private final MeshClock clock;
    private final FleetStopRecord fleetStop = new FleetStopRecord();
    /** Latches this node if its own stop's put is held up longer than {@link #OWN_LATCH_GRACE_MS}. */
    private final ScheduledThreadPoolExecutor latchTimer;
    /** Far above a put's normal time (tens of µs a peer), far below a peer's lease (a stuck peer's longest hold-up). */
    static final long OWN_LATCH_GRACE_MS = 20;

    public ZenohPeerMesh(Session session, String nodeId, SafetySupervisor supervisor) {
        this(session, nodeId, supervisor, new MeshSenderCheck(nodeId, false));
    }

    /** {@code senders} binds each message's claimed sender to its certified one (see {@link MeshSenderCheck}). */
    public ZenohPeerMesh(Session session, String nodeId, SafetySupervisor supervisor, MeshSenderCheck senders) {
        this(session, nodeId, supervisor, senders, TracerProvider.noop().get("io.lockstep.edge"),
                MeshClock.SYSTEM, transport -> new HazardService(nodeId, transport, MeshClock.SYSTEM,
                        TracerProvider.noop().get("io.lockstep.edge"), () -> "", SenderBinding.KEY_CHUNK,
                        HazardService.Settings.DEFAULTS));
    }

    /** Development mesh (no fleet certificates): senders are bound only by their key. */
    public ZenohPeerMesh(Session session, String nodeId, SafetySupervisor supervisor, Tracer tracer,
            Function<HazardService.Transport, HazardService> hazards) {
        this(session, nodeId, supervisor, new MeshSenderCheck(nodeId, false), tracer, MeshClock.SYSTEM, hazards);
    }

    /**
     * @param senders binds each message's claimed sender to its certified one (see {@link MeshSenderCheck})
     * @param clock the wall clock of the e-stop figures (latched at, broadcast at)
     * @param hazards builds the node's hazard service over the transport this mesh gives it
     */
    public ZenohPeerMesh(Session session, String nodeId, SafetySupervisor supervisor, MeshSenderCheck senders,
            Tracer tracer, MeshClock clock, Function<HazardService.Transport, HazardService> hazards) {
        this.session = session;
        this.nodeId = nodeId;
        this.senders = senders;
        this.tracer = tracer;
        this.clock = clock;
        this.latchTimer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "estop-latch-timer-" + nodeId);
            t.setDaemon(true);
            return t;
        });
        latchTimer.setRemoveOnCancelPolicy(true);
        latchTimer.prestartAllCoreThreads(); // started now, not on the first e-stop
        this.members = session.liveliness().declareSubscriber(MeshKeys.NODES + "*", true, this::onMember);
        this.swarm = new ZenohSwarmChannel(session, nodeId, this, senders, tracer);
        supervisor.addListener(event -> {
            if (event.kind() == InterventionKind.ESTOP) {
                fleetStop.latched(event, clock.micros());
            }
        });
        this.estops = session.declareSubscriber(MeshKeys.ESTOP + "*", sample -> onEstop(supervisor, sample));
        // A direct put (an operator's request thread) is express with BLOCK: written by the calling thread, no
        // batching, no hand-off to the writer thread. Others (the tick thread) are queued and never wait. Peers
        // only: this node subscribes to every node's hazards, and its own would only be decoded and discarded.
        this.hazards = hazards.apply((key, payload, attachment, direct) -> session.put(key, payload,
                PutOptions.DEFAULT.withAttachment(attachment).withReliable(true).withExpress(direct)
                        .withCongestionControl(direct ? CongestionControl.BLOCK : CongestionControl.DROP)
                        .withAllowedDestination(Locality.REMOTE)));
        supervisor.setKeepOutZones(this.hazards::zones);
        supervisor.addListener(new MeshInterventionSpans(tracer, this.hazards, swarm));
        this.hazardSubscriber = session.declareSubscriber(HazardKeys.ALL, sample -> {
            // The certified sender must be the node its key names (lockstep/swarm/hazards/<kind>/<node>).
            if (sample.kind() == SampleKind.PUT && senders.allows(sample,
                    sample.keyExpr().substring(sample.keyExpr().lastIndexOf('/') + 1), "hazard")) {
                this.hazards.onSample(sample.keyExpr(), sample.payload(), sample.attachment());
            }
        });
        // Last: a peer that sees this node as a member has already seen its subscribers (declarations go out in
        // order, subscribers before tokens to a new peer too), so an e-stop put then is not missed by this node.
        this.token = session.liveliness().declareToken(MeshKeys.NODES + MeshKeys.chunk(nodeId));
    }

    /**
     * A peer's e-stop engages this vehicle's (and is relayed once under this node's key, so peers that do not
     * hear the originator directly still stop); a release over the mesh is refused: only a commander, through
     * C2 or at the vehicle, releases. Only the stop that latches this vehicle is traced ({@code estop.receive}); one
     * that finds it latched (or being latched by another receive thread), as are most of a stop's relays (72 in a
     * mesh of 10), is counted and costs no span: on a busy machine their CPU delayed the stop to the last peers.
     */
    private void onEstop(SafetySupervisor supervisor, Sample sample) {
        long receivedAtMicros = clock.micros();
        String sender = sample.keyExpr().substring(MeshKeys.ESTOP.length());
        if (sample.kind() != SampleKind.PUT) {
            refuseRelease(sample, sender);
            return;
        }
        if (sender.equals(MeshKeys.chunk(nodeId)) && sample.peerIdentity() == null) {
            return; // this node's own broadcast: it latched before sending
        }
        if (!senders.allows(sample, sender, "e-stop")) {
            return;
        }
        FleetStopRecord.Receipt receipt = fleetStop.received(receivedAtMicros, supervisor.isEmergencyStopLatched());
        String reason = sample.payloadAsString();
        String bounded = reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason;
        if (!receipt.relayAndLatch()) {
            if (receipt.ownLatch() != null) {
                receipt.ownLatch().run(); // this node is stopping: latched now, for its own reason
            } else {
                supervisor.engageEmergencyStop(EstopSource.MESH, "peer " + sender + ": " + bounded);
            }
            return;
        }
        Span span = Span.getInvalid();
        try {
            span = receiveSpan("estop.receive", sample, sender); // inside: the latch must be done whatever happens
            try (Scope ignored = span.makeCurrent()) {
                // Latch, then relay, then the latch's listeners (the intervention's journal entry, log line and the
                // latch file's SYNC): this vehicle does not wait for the relay's writes to every peer, and a peer
                // that does not hear the origin does not wait for those listeners.
                supervisor.engageEmergencyStop(EstopSource.MESH, "peer " + sender + ": " + bounded, latched -> {
                    if (latched != null) {
                        fleetStop.latched(latched, clock.micros());
                    }
                    // Latched: give way to the receive threads already waiting for a core (in a real-time class the
                    // others of equal priority, the same stop's first delivery to the other nodes among them) before
                    // relaying, so the relays of those that latched first do not delay the stop to the last.
                    Thread.yield();
                    put(EstopPut.RELAY, "relayed from " + sender + ": " + bounded);
                });
            }
        } finally {
            fleetStop.latchDone();
            span.end();
        }
    }

    private void refuseRelease(Sample sample, String sender) {
        Span span = receiveSpan("estop.release.refused", sample, sender);
        try {
            long n = fleetStop.releaseRefused();
            LOG.warnf("refused an e-stop release from peer %s over the mesh (%d so far): only a commander releases",
                    sender, n);
        } finally {
            span.end();
        }
    }

    private Span receiveSpan(String name, Sample sample, String sender) {
        return tracer.spanBuilder(name).setSpanKind(SpanKind.CONSUMER)
                .setParent(MeshTraceContext.extract(sample.attachment()))
                .setAttribute("lockstep.estop.sender", sender).startSpan();
    }

    /**
     * A liveliness token appeared or went. Bound like every message: over TLS a peer may declare (or withdraw) only
     * its own certified node's token, so a fleet node cannot make another node appear, nor make it look lost.
     */
    private void onMember(Sample sample) {
        String member = sample.keyExpr().substring(MeshKeys.NODES.length());
        if (!senders.allows(sample, member, "liveliness")) {
            return;
        }
        if (sample.kind() == SampleKind.PUT) {
            peers.add(member);
        } else {
            peers.remove(member);
        }
    }

    /** Nodes whose liveliness token is visible (this one included once the mesh echoes it). */
    public Set<String> members() {
        return new TreeSet<>(peers);
    }

    /**
     * Engages the e-stop of every peer (the caller latches this node's own first). Carries the current trace
     * context, so the peers' {@code estop.receive} spans are children of the caller's.
     */
    public void broadcastEmergencyStop(String reason) {
        put(EstopPut.OWN, reason);
    }

    /**
     * This node's own stop: puts it on the mesh, then runs {@code latch} (this node's supervisor latching), so the
     * peers do not wait for the latch's listeners, and a peer's relay that arrives in between is not relayed back.
     * The latch runs once, and before this returns; sooner if a peer's relay arrives first, or after
     * {@link #OWN_LATCH_GRACE_MS} if the put is held up by a peer that stopped reading ({@link FleetStopRecord#ownStop}).
     */
    public void stopPeersThenLatch(String reason, Runnable latch) {
        fleetStop.ownStop(() -> put(EstopPut.OWN, reason), latch, latchTimer, OWN_LATCH_GRACE_MS);
    }

    /** C2's fleet-wide stop reaching this node: this node's own stop to its peers, as from its debug port. */
    public void stopPeersFromC2ThenLatch(String reason, Runnable latch) {
        stopPeersThenLatch("fleet-wide stop from C2: " + reason, latch);
    }

    private enum EstopPut { OWN, RELAY }

    private void put(EstopPut what, String reason) {
        Span span = tracer.spanBuilder("estop.broadcast").setSpanKind(SpanKind.PRODUCER).startSpan();
        if (what == EstopPut.OWN) {
            fleetStop.broadcast(clock.micros()); // broadcastAtMicros: this node's own stop, not a relay
        }
        try {
            String bounded = reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason;
            session.put(MeshKeys.ESTOP + MeshKeys.chunk(nodeId), bounded.getBytes(StandardCharsets.UTF_8),
                    PutOptions.DEFAULT.withAttachment(MeshTraceContext.attachment(Context.current().with(span)))
                            .withReliable(true).withCongestionControl(CongestionControl.BLOCK)
                            // express: the calling thread writes it at once, no batching, no writer hand-off
                            .withExpress(true)
                            // peers only: this node latches itself; its own echo would only be discarded
                            .withAllowedDestination(Locality.REMOTE));
            fleetStop.broadcastWritten();
        } finally {
            span.end();
        }
    }

    /** The node's hazards (publishing, peers' keep-out zones, the journaled input). */
    public HazardService hazards() {
        return hazards;
    }

    /** The fleet-stop figures of this node: latch time (Unix µs, -1 never), mesh e-stops in and out. */
    public Map<String, Object> fleetStop(boolean latched) {
        return fleetStop.view(latched);
    }

    /**
     * Waits up to {@code timeoutMs} until this node latched at or after {@code latchedSinceMicros} (by its latch's own
     * stamp, set once the stop is latched) and has accepted at least {@code received} e-stops from peers; true when it
     * has.
     */
    public boolean awaitFleetStop(long latchedSinceMicros, long received, long timeoutMs) throws InterruptedException {
        return fleetStop.await(() -> fleetStop.received() >= received
                && fleetStop.latchedAtMicros() >= latchedSinceMicros, timeoutMs);
    }

    public long estopReleasesRefused() {
        return fleetStop.releasesRefused();
    }

    @Override
    public void beforeTick(String missionId, int tickPeriodMs, BiConsumer<String, byte[]> hostEvent) {
        byte[] event = hazards.eventForNextTick(missionId, tickPeriodMs);
        if (event != null) {
            hostEvent.accept(io.lockstep.edge.hazard.HazardEvents.KIND, event);
        }
    }

    @Override
    public void join(String missionId) {
        String prefix = MeshKeys.missionPrefix(missionId);
        inbox.put(missionId, new ArrayList<>());
        missionSubscribers.computeIfAbsent(missionId, id -> session.declareSubscriber(prefix + "**",
                sample -> onMissionMessage(missionId, prefix, sample)));
    }

    private void onMissionMessage(String missionId, String prefix, Sample sample) {
        if (sample.kind() != SampleKind.PUT || !sample.keyExpr().startsWith(prefix)) {
            return;
        }
        // Attachment: "<sender>\n<seq>", then optionally the W3C trace context lines (MeshTraceContext).
        String attachment = sample.attachmentAsString();
        String[] lines = attachment == null ? new String[0] : attachment.split("\n", 3);
        long seq;
        try {
            seq = lines.length < 2 ? -1 : Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            seq = -1;
        }
        if (seq < 0) {
            malformed.incrementAndGet();
            return;
        }
        String sender = lines[0];
        if (sender.equals(nodeId) && sample.peerIdentity() == null) {
            return; // the runtime already delivers this node's own messages locally
        }
        if (sender.isEmpty() || !senders.allows(sample, sender, "mission")) {
            return;
        }
        List<PeerMessage> queue = inbox.get(missionId);
        if (queue == null) {
            return;
        }
        synchronized (queue) {
            if (queue.size() >= MAX_QUEUED_PER_MISSION) {
                dropped.incrementAndGet();
                return;
            }
            queue.add(new PeerMessage(sender, seq, sample.keyExpr().substring(prefix.length()), sample.payload()));
            received.incrementAndGet();
        }
        if (lines.length == 3) {
            Context parent = MeshTraceContext.extract(lines[2].getBytes(StandardCharsets.UTF_8));
            if (Span.fromContext(parent).getSpanContext().isValid()) {
                tracer.spanBuilder("mission.message.receive").setSpanKind(SpanKind.CONSUMER).setParent(parent)
                        .setAttribute("lockstep.mission.id", missionId).setAttribute("lockstep.message.sender", sender)
                        .setAttribute("lockstep.message.seq", seq).startSpan().end();
            }
        }
    }

    @Override
    public void leave(String missionId) {
        Subscriber s = missionSubscribers.remove(missionId);
        if (s != null) {
            s.close();
        }
        inbox.remove(missionId);
    }

    @Override
    public void publish(String missionId, List<EmittedMessage> messages) {
        hazards.onEmitted(messages);
        String prefix = MeshKeys.missionPrefix(missionId);
        // The caller's trace (the tick's span) travels with each message; peers continue it on receipt.
        String trace = new String(MeshTraceContext.attachment(Context.current()), StandardCharsets.UTF_8);
        for (EmittedMessage m : messages) {
            byte[] attachment = (nodeId + "\n" + m.seq() + (trace.isEmpty() ? "" : "\n" + trace))
                    .getBytes(StandardCharsets.UTF_8);
            try {
                if (!session.put(prefix + m.topic(), m.data(), PutOptions.DEFAULT.withAttachment(attachment)
                        .withReliable(true))) {
                    dropped.incrementAndGet();
                } else {
                    published.incrementAndGet();
                }
            } catch (IllegalArgumentException e) {
                // A topic the runtime accepted but Zenoh does not: count it, never fail the tick.
                malformed.incrementAndGet();
            }
        }
    }

    @Override
    public List<PeerMessage> drain(String missionId) {
        List<PeerMessage> queue = inbox.get(missionId);
        if (queue == null) {
            return List.of();
        }
        synchronized (queue) {
            List<PeerMessage> out = new ArrayList<>(queue);
            queue.clear();
            return out;
        }
    }

    /** Agent messages this node put on the mesh. */
    public long published() {
        return published.get();
    }

    /** Peers' messages queued for this node's next tick. */
    public long received() {
        return received.get();
    }

    /** Peer messages dropped (queue full, publish refused) and malformed ones ignored. */
    public long dropped() {
        return dropped.get();
    }

    public long malformed() {
        return malformed.get();
    }

    /** The sender binding every channel of this mesh applies; other mesh channels (hazards...) use it too. */
    public MeshSenderCheck senderCheck() {
        return senders;
    }

    /** Publications that missed a peer whose session was being re-established (Zenoh does not store them). */
    public long droppedWhileReconnecting() {
        return session.droppedWhileReconnecting();
    }

    /** Mesh sessions refused because the peer had no certificate from the fleet CA (TLS mesh only). */
    public long unauthenticatedPeersRefused() {
        return session.unauthenticatedPeersRefused();
    }

    /** Mesh sessions closed because the peer declared more than the per-peer declaration cap. */
    public long peersOverDeclarationCap() {
        return session.peersOverDeclarationCap();
    }

    /** The coverage exchange of cell missions, over this mesh's session. */
    public ZenohSwarmChannel swarm() {
        return swarm;
    }

    @Override
    public void close() {
        hazardSubscriber.close();
        hazards.close();
        swarm.close();
        missionSubscribers.values().forEach(Subscriber::close);
        missionSubscribers.clear();
        estops.close();
        members.close();
        token.close();
        latchTimer.shutdownNow();
        try {
            session.close();
        } catch (RuntimeException e) {
            LOG.warnf("closing the mesh session: %s", e.toString());
        }
    }
}
