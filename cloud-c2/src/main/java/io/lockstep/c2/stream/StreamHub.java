package io.lockstep.c2.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.c2.api.NodeView;
import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.fleet.LinkPresence;
import io.lockstep.c2.fleet.NodeRecord;
import io.lockstep.c2.fleet.NodeRegistry;
import io.lockstep.proto.v1.Heartbeat;
import io.lockstep.proto.v1.StatusUpdate;
import io.lockstep.proto.v1.Telemetry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The live data plane behind {@code /api/v1/stream}. Link messages update one latest-wins entry per node
 * (its view, its latest telemetry sample) and append to a bounded event ring; every round (a fraction of the
 * frame period) each client gets one frame with the entries that changed since its last frame, a node's sample
 * only once a frame period has passed since it last got that node's sample. So a client receives each node's
 * samples at most once per frame period however fast the node sends, a sample goes out within a round of being
 * due, a state change is pushed at once, and a client that does not read holds back its own frames (one frame in
 * flight at most) instead of growing a queue.
 */
@ApplicationScoped
public class StreamHub {
    private static final Logger LOG = Logger.getLogger(StreamHub.class);
    /** Bound on per-(mission, node) progress entries kept; the oldest go first. */
    static final int MAX_MISSION_ENTRIES = 10_000;
    private static final long JOIN_RECONCILE_WAIT_S = 5;

    private final NodeRegistry registry;
    private final LinkPresence presence;
    private final ObjectMapper mapper;
    private final C2Config.Stream settings;
    private final Clock clock;
    /** Plan against reality: live samples against the approved simulation's paths. */
    private final io.lockstep.c2.plan.PlanDriftMonitor planDrift;

    private final AtomicLong seq = new AtomicLong();
    private final Map<String, Versioned> nodes = new ConcurrentHashMap<>();
    private final Map<String, String> nodeComparable = new ConcurrentHashMap<>();
    private final Map<String, LiveSample> samples = new ConcurrentHashMap<>();
    private final Map<String, Versioned> missions = new ConcurrentHashMap<>();
    private final Map<String, Long> lastSeenMs = new ConcurrentHashMap<>();
    private final TimelineTracker timeline;
    private final EventRing events;
    private final Map<String, StreamClient> clients = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean reconciled;

    private final HazardFrames hazardFrames;
    private final Object reconciling = new Object();
    /** The full re-read joining clients wait for; one round serves every client that joins meanwhile. */
    private CompletableFuture<Void> joinRound;
    private final Object joinLock = new Object();
    private ScheduledExecutorService executor;
    /** Redis reads (node views) run here, so a slow read never holds back the frames on {@link #executor}. */
    private ScheduledExecutorService reconciler;

    public StreamHub(NodeRegistry registry, LinkPresence presence, ObjectMapper mapper, C2Config config, Clock clock,
            io.lockstep.c2.plan.PlanDriftMonitor planDrift, HazardFrames hazardFrames) {
        this.planDrift = planDrift;
        this.hazardFrames = hazardFrames;
        this.registry = registry;
        this.presence = presence;
        this.mapper = mapper;
        this.settings = config.stream();
        this.clock = clock;
        this.events = new EventRing(settings.eventCapacity());
        this.timeline = new TimelineTracker(mapper, events);
    }

    void start(@Observes StartupEvent started) {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lockstep-stream-hub");
            thread.setDaemon(true);
            return thread;
        });
        long round = settings.roundPeriod().toMillis();
        if (round < 1 || round > settings.framePeriod().toMillis()) {
            throw new IllegalStateException("lockstep.c2.stream.round-period must be at least 1ms and at most"
                    + " lockstep.c2.stream.frame-period (" + settings.framePeriod() + "), got " + settings.roundPeriod());
        }
        executor.scheduleAtFixedRate(guarded(this::flushAll), round, round, TimeUnit.MILLISECONDS);
        reconciler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lockstep-stream-reconcile");
            thread.setDaemon(true);
            return thread;
        });
        long reconcile = settings.reconcileInterval().toMillis();
        reconciler.scheduleWithFixedDelay(guarded(this::reconcileIfWatched), 0, reconcile, TimeUnit.MILLISECONDS);
        long heartbeat = settings.heartbeatInterval().toMillis();
        executor.scheduleWithFixedDelay(guarded(this::heartbeatAll), heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (executor != null) {
            executor.shutdownNow();
        }
        if (reconciler != null) {
            reconciler.shutdownNow();
        }
    }

    // ---- from the link (gRPC worker threads) ----

    public void telemetry(String nodeId, Telemetry sample, long receivedAtMs) {
        samples.put(nodeId, new LiveSample(seq.incrementAndGet(), nodeId, sample.getMissionId(), sample.getTick(),
                sample.getXM(), sample.getYM(), sample.getVxMps(), sample.getVyMps(), sample.getBatteryFraction(),
                receivedAtMs));
        lastSeenMs.put(nodeId, receivedAtMs);
        planDrift.sample(nodeId, sample.getMissionId(), sample.getTick(), sample.getXM(), sample.getYM()).ifPresent(d ->
                events.append(nodeId, PlanDepartureEvent.of(mapper, sample.getMissionId(), d, receivedAtMs)));
    }

    public void heartbeat(String nodeId, Heartbeat heartbeat, long receivedAtMs) {
        lastSeenMs.put(nodeId, receivedAtMs);
        Versioned known = nodes.get(nodeId);
        String state = heartbeat.getState().name();
        if (known == null || !state.equals(known.value().path("currentState").asText())
                || !heartbeat.getMissionId().equals(known.value().path("currentMissionId").asText())) {
            submit(reconciler, () -> reconcileNode(nodeId));
        }
    }

    public void status(String nodeId, StatusUpdate update, long receivedAtMs) {
        lastSeenMs.put(nodeId, receivedAtMs);
        ObjectNode progress = timeline.status(nodeId, update, receivedAtMs);
        String key = update.getMissionId() + "/" + nodeId;
        missions.put(key, new Versioned(seq.incrementAndGet(), progress));
        if (missions.size() > MAX_MISSION_ENTRIES) {
            missions.entrySet().stream().min((a, b) -> Long.compare(a.getValue().seq(), b.getValue().seq()))
                    .ifPresent(oldest -> missions.remove(oldest.getKey()));
        }
        submit(reconciler, () -> {
            reconcileNode(nodeId);
            submit(executor, this::flushAll);
        });
    }

    // ---- clients (WebSocket threads) ----

    /** Registers a client and sends its snapshot; false (and the connection closed) when the hub is full. */
    public boolean join(WebSocketConnection connection, String user) {
        if (clients.size() >= settings.maxClients()) {
            refused.incrementAndGet();
            connection.close(new CloseReason(1013, "too many stream clients, try again later")).subscribe()
                    .with(ok -> { }, failure -> { });
            return false;
        }
        ensureReconciled();
        StreamClient client = new StreamClient(connection, user);
        clients.put(connection.id(), client);
        snapshot(client);
        return true;
    }

    public void leave(WebSocketConnection connection) {
        clients.remove(connection.id());
    }

    /** A text frame from a client: ping, or a subscription to some nodes. Bad input is answered, never thrown. */
    public void fromClient(WebSocketConnection connection, String text) {
        StreamClient client = clients.get(connection.id());
        if (client == null) {
            return;
        }
        ClientRequest request;
        try {
            request = ClientRequest.parse(mapper, text);
        } catch (ClientRequest.Invalid invalid) {
            send(client, error(invalid.getMessage()), true);
            return;
        }
        switch (request.kind()) {
            case PING -> send(client, message("pong"), true);
            case SUBSCRIBE -> {
                synchronized (client) {
                    client.nodeFilter = request.nodes() == null ? null : Set.copyOf(request.nodes());
                    client.forgetSent();
                }
                snapshot(client);
            }
        }
    }

    // ---- what the tests and the benchmark look at ----

    public int clientCount() {
        return clients.size();
    }

    public long refusedClients() {
        return refused.get();
    }

    /** Entries the hub holds for clients: one per node, sample, mission share, plus the event ring. Never grows with clients or time. */
    public int heldEntries() {
        return nodes.size() + samples.size() + missions.size() + events.all().size();
    }

    /** Per client: the entries it was sent (one per node at most) and frames held back because it was not reading. */
    public Map<String, long[]> clientStats() {
        Map<String, long[]> stats = new ConcurrentHashMap<>();
        clients.forEach((id, client) -> {
            synchronized (client) {
                stats.put(id, new long[] {client.sentNodes.size() + client.sentSamples.size() + client.sentMissions.size(),
                        client.framesSent, client.framesHeldBack});
            }
        });
        return stats;
    }

    // ---- internals ----

    /** The periodic re-read, only while someone watches; a client that joins later gets a fresh one first. */
    private void reconcileIfWatched() {
        if (clients.isEmpty()) {
            reconciled = false;
            return;
        }
        reconcile();
    }

    /**
     * Before a client's snapshot: node views fresh from Redis. Nobody watched, so they may be stale; one
     * re-read on the reconcile thread, shared by all clients joining meanwhile, and waited for a bounded time.
     */
    private void ensureReconciled() {
        if (reconciled) {
            return;
        }
        CompletableFuture<Void> round;
        synchronized (joinLock) {
            if (joinRound == null || joinRound.isDone()) {
                CompletableFuture<Void> next = new CompletableFuture<>();
                joinRound = next;
                ScheduledExecutorService running = reconciler;
                Runnable task = () -> {
                    try {
                        reconcile();
                        next.complete(null);
                    } catch (RuntimeException e) {
                        next.completeExceptionally(e);
                    }
                };
                try {
                    if (running == null) {
                        next.complete(null);
                    } else {
                        running.execute(task);
                    }
                } catch (RejectedExecutionException stopping) {
                    next.complete(null);
                }
            }
            round = joinRound;
        }
        try {
            round.get(JOIN_RECONCILE_WAIT_S, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.debugf("serving a snapshot without a fresh re-read: %s", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void reconcile() {
        boolean changed = false;
        synchronized (reconciling) {
            for (NodeRecord record : registry.list()) {
                changed |= update(NodeView.of(record, presence.isConnected(record.nodeId())));
            }
            reconciled = true;
        }
        if (changed) {
            submit(executor, this::flushAll);
        }
    }

    private void reconcileNode(String nodeId) {
        synchronized (reconciling) {
            registry.find(nodeId).ifPresent(record -> update(NodeView.of(record, presence.isConnected(nodeId))));
        }
    }

    /** Stores a node's view if it changed in anything but its freshness fields; true when it did. */
    private boolean update(NodeView view) {
        ObjectNode json = mapper.valueToTree(view);
        json.remove("telemetry");
        if (view.lastSeenAt() != null) {
            lastSeenMs.merge(view.nodeId(), view.lastSeenAt().toEpochMilli(), Math::max);
        }
        ObjectNode comparable = json.deepCopy();
        comparable.remove("lastSeenAt");
        comparable.remove("lastHeartbeatAt");
        comparable.remove("currentTick");
        String key = comparable.toString();
        String previous = nodeComparable.put(view.nodeId(), key);
        if (key.equals(previous)) {
            return false;
        }
        Versioned before = nodes.put(view.nodeId(), new Versioned(seq.incrementAndGet(), json));
        timeline.nodeChanged(view.nodeId(), before == null ? null : before.value(), json, clock.millis());
        return true;
    }

    private void snapshot(StreamClient client) {
        ObjectNode message = message("snapshot");
        ArrayNode nodeArray = message.putArray("nodes");
        ArrayNode sampleArray = message.putArray("samples");
        ArrayNode missionArray = message.putArray("missions");
        ArrayNode eventArray = message.putArray("events");
        synchronized (client) {
            nodes.forEach((id, entry) -> {
                if (client.wants(id)) {
                    nodeArray.add(entry.value());
                    client.sentNodes.put(id, entry.seq());
                }
            });
            samples.forEach((id, sample) -> {
                if (client.wants(id)) {
                    sampleArray.addRawValue(sample.rendered(mapper));
                    client.sentSamples.put(id, new StreamClient.SentSample(sample.seq(), clock.millis()));
                }
            });
            missions.forEach((key, entry) -> {
                missionArray.add(entry.value());
                client.sentMissions.put(key, entry.seq());
            });
            for (StreamEvent event : events.all()) {
                if (client.wants(event.nodeId())) {
                    eventArray.add(event.value());
                }
            }
            client.sentEventSeq = events.lastSeq();
            hazardFrames.snapshot(message, client);
        }
        ObjectNode rates = message.putObject("rates");
        rates.put("framePeriodMs", settings.framePeriod().toMillis());
        rates.put("heartbeatIntervalMs", settings.heartbeatInterval().toMillis());
        send(client, message, true);
    }

    private void flushAll() {
        hazardFrames.sweep();
        clients.values().forEach(this::flush);
    }

    private void flush(StreamClient client) {
        ObjectNode message = message("delta");
        ArrayNode nodeArray = mapper.createArrayNode();
        ArrayNode sampleArray = mapper.createArrayNode();
        ArrayNode missionArray = mapper.createArrayNode();
        ArrayNode eventArray = mapper.createArrayNode();
        synchronized (client) {
            if (client.writing) {
                client.framesHeldBack++;
                if (clock.millis() - client.writingSinceMs > settings.stallTimeout().toMillis()) {
                    drop(client, "the client has not read its frames for " + settings.stallTimeout());
                }
                return;
            }
            nodes.forEach((id, entry) -> {
                if (client.wants(id) && entry.seq() > client.sentNodes.getOrDefault(id, 0L)) {
                    nodeArray.add(entry.value());
                    client.sentNodes.put(id, entry.seq());
                }
            });
            // A node's newest sample goes out in the first round a frame period after its previous one to this
            // client: each node reaches the client at most once per frame period, and a sample waits at most about
            // a round once it is due (a frame period for the whole client would make it wait up to a period).
            long now = clock.millis();
            long framePeriodMs = settings.framePeriod().toMillis();
            samples.forEach((id, sample) -> {
                if (!client.wants(id)) {
                    return;
                }
                StreamClient.SentSample sent = client.sentSamples.get(id);
                if (sent == null) {
                    client.sentSamples.put(id, new StreamClient.SentSample(sample.seq(), now));
                    sampleArray.addRawValue(sample.rendered(mapper));
                } else if (sample.seq() > sent.seq && now - sent.atMs >= framePeriodMs) {
                    sent.seq = sample.seq();
                    sent.atMs = now;
                    sampleArray.addRawValue(sample.rendered(mapper));
                }
            });
            missions.forEach((key, entry) -> {
                if (entry.seq() > client.sentMissions.getOrDefault(key, 0L)) {
                    missionArray.add(entry.value());
                    client.sentMissions.put(key, entry.seq());
                }
            });
            long[] missed = new long[1];
            for (StreamEvent event : events.after(client.sentEventSeq, missed)) {
                client.sentEventSeq = event.seq();
                if (client.wants(event.nodeId())) {
                    eventArray.add(event.value());
                }
            }
            if (missed[0] > 0) {
                message.put("missedEvents", missed[0]);
                client.sentEventSeq = Math.max(client.sentEventSeq, events.lastSeq());
            }
            boolean hazardsChanged = hazardFrames.delta(message, client);
            if (nodeArray.isEmpty() && sampleArray.isEmpty() && missionArray.isEmpty() && eventArray.isEmpty()
                    && !hazardsChanged) {
                return;
            }
            message.set("nodes", nodeArray);
            message.set("samples", sampleArray);
            message.set("missions", missionArray);
            message.set("events", eventArray);
            write(client, message);
        }
    }

    private void heartbeatAll() {
        ObjectNode message = message("heartbeat");
        ObjectNode seen = message.putObject("lastSeenMs");
        lastSeenMs.forEach(seen::put);
        message.put("clients", clients.size());
        clients.values().forEach(client -> {
            ObjectNode own = message.deepCopy();
            if (client.nodeFilter != null) {
                ObjectNode filtered = own.putObject("lastSeenMs");
                client.nodeFilter.forEach(id -> {
                    JsonNode at = seen.get(id);
                    if (at != null) {
                        filtered.set(id, at);
                    }
                });
            }
            send(client, own, false);
        });
    }

    private void send(StreamClient client, ObjectNode message, boolean evenIfBusy) {
        synchronized (client) {
            if (client.writing && !evenIfBusy) {
                client.framesHeldBack++;
                return;
            }
            write(client, message);
        }
    }

    /** Writes one frame; called holding the client's monitor. */
    private void write(StreamClient client, ObjectNode message) {
        if (client.closing) {
            return;
        }
        message.put("serverTimeMs", clock.millis());
        client.writing = true;
        client.writingSinceMs = clock.millis();
        client.framesSent++;
        client.connection.sendText(message.toString()).subscribe().with(
                done -> written(client), failure -> written(client));
    }

    private void written(StreamClient client) {
        synchronized (client) {
            client.writing = false;
        }
    }

    private void drop(StreamClient client, String why) {
        client.closing = true;
        clients.remove(client.connection.id());
        LOG.infof("Closing stream client %s: %s", client.connection.id(), why);
        client.connection.close(new CloseReason(1008, "not reading")).subscribe().with(ok -> { }, failure -> { });
    }

    private ObjectNode message(String type) {
        ObjectNode message = mapper.createObjectNode();
        message.put("type", type);
        return message;
    }

    private ObjectNode error(String detail) {
        ObjectNode message = message("error");
        message.put("detail", detail);
        return message;
    }

    private static void submit(ScheduledExecutorService running, Runnable task) {
        if (running != null && !running.isShutdown()) {
            try {
                running.execute(guarded(task));
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                // C2 is stopping: nothing left to push
            }
        }
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // A failed round (say, Redis busy) must not cancel the schedule; the next round retries.
                LOG.debugf(e, "stream hub round failed");
            }
        };
    }

    List<StreamEvent> events() {
        return events.all();
    }

    /** The alerts still in the event ring (oldest first), as the stream sends them. */
    public List<ObjectNode> alerts() {
        return events.all().stream().filter(e -> e.value().path("alert").asBoolean()).map(StreamEvent::value).toList();
    }

    /** Puts an event (e.g. an alert acknowledgement) on every client's stream at once. */
    public void publish(String nodeId, ObjectNode event) {
        events.append(nodeId, event);
        submit(executor, this::flushAll);
    }
}
