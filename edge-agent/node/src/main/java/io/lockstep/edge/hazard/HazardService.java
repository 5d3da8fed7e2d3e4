package io.lockstep.edge.hazard;

import io.lockstep.edge.mesh.MeshClock;
import io.lockstep.edge.mesh.MeshTraceContext;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.safety.KeepOutZone;
import io.lockstep.runtime.EmittedMessage;
import io.lockstep.swarm.allocation.NodeIds;
import io.lockstep.swarm.hazard.DetectionReport;
import io.lockstep.swarm.hazard.Hazard;
import io.lockstep.swarm.hazard.HazardBoard;
import io.lockstep.swarm.hazard.HazardCodec;
import io.lockstep.swarm.hazard.HazardDropReason;
import io.lockstep.swarm.hazard.HazardIntake;
import io.lockstep.swarm.hazard.HazardKeys;
import io.lockstep.swarm.hazard.HazardKind;
import io.lockstep.swarm.hazard.SenderBinding;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A node's hazards (docs/hazards.md): publishes its own (hazard-scout detections, obstacle-reflex stops,
 * operator marks) on {@code lockstep/swarm/hazards/<kind>/<node>}, and turns peers' ones into the safety
 * supervisor's keep-out zones and into the {@code swarm.hazards} journaled input of the running mission.
 *
 * <p>Receiving: each message is checked ({@link HazardIntake}: size, decoding, {@link SenderBinding}, kind,
 * expiry, replay) and the accepted ones go on the {@link HazardBoard}, which the supervisor reads as an immutable
 * list. When nothing is waiting, the mesh's receive thread does this itself (no thread hand-off on the way to the
 * supervisor: the hazard latency target is 5 ms); a backlog goes through a bounded, drop-oldest queue
 * ({@link HazardInbox}) to one worker thread. Both hold one lock while checking, so messages are checked in the
 * order they arrived. So a flood from a peer costs the tick loop nothing but a list read, memory stays bounded,
 * and every dropped message is counted by reason.
 */
public final class HazardService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HazardService.class);
    static final int INBOX_CAPACITY = 1_024;
    /** Hazards waiting for the next tick of the mission; beyond this the oldest are dropped (counted). */
    static final int MAX_PENDING_FOR_CORE = 256;
    private static final int MAX_APPLIED_REMEMBERED = 512;
    private static final Comparator<Hazard> CANONICAL = Comparator.comparing(Hazard::sender, NodeIds.ORDER)
            .thenComparingInt(Hazard::hazardId).thenComparingLong(Hazard::sequence);

    /** Puts one message on the mesh; false when the mesh refused it. */
    @FunctionalInterface
    public interface Transport {
        /**
         * @param direct the calling thread may write to the network itself and wait for it (an operator's
         *     request); false on the tick thread, which must never wait on a socket: the message is queued for the
         *     transport's writer thread (one hand-off more) and dropped if that queue is full
         */
        boolean put(String key, byte[] payload, byte[] attachment, boolean direct);
    }

    /** Tunables of the hazards this node publishes itself. */
    public record Settings(double detectionRadiusM, double obstacleRadiusM, int detectionTtlMs, int obstacleTtlMs) {
        public static final Settings DEFAULTS = new Settings(DetectionReport.DETECTION_RADIUS_M,
                DetectionReport.OBSTACLE_RADIUS_M, DetectionReport.DETECTION_TTL_MS, DetectionReport.OBSTACLE_TTL_MS);

        /** How long this node's own find of {@code kind} holds. */
        int ttlMsOf(HazardKind kind) {
            return kind == HazardKind.OBSTACLE ? obstacleTtlMs : detectionTtlMs;
        }
    }

    /**
     * A hazard on the board, with when the mesh handed it to this node and when it entered the supervisor's
     * keep-out zones (Unix µs; -1 for this node's own), the CPU time the receiving thread spent between the two
     * (µs; -1 when a backlog went through the worker thread, and for this node's own), the trace it arrived with
     * and the span that received it (or published it, for this node's own), which the supervisor's intervention
     * continues.
     */
    public record Applied(Hazard hazard, long receivedAtMicros, long appliedAtMicros, long intakeCpuMicros,
            SpanContext span) {

        public String traceId() {
            return span == null ? "" : span.getTraceId();
        }
    }

    private final String nodeId;
    private final Transport transport;
    private final MeshClock clock;
    private final Tracer tracer;
    private final Supplier<String> currentMission;
    private final Settings settings;
    private final HazardIntake intake;
    private final HazardBoard board = new HazardBoard();
    private final HazardInbox inbox = new HazardInbox(INBOX_CAPACITY);
    /** Held while a message is checked and applied, on whichever thread: keeps arrival order. */
    private final ReentrantLock processing = new ReentrantLock();
    private final AtomicLong sequence;
    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong publishFailed = new AtomicLong();
    private final AtomicLong coalesced = new AtomicLong();
    private final AtomicLong pendingDropped = new AtomicLong();
    private final ArrayDeque<Hazard> pendingForCore = new ArrayDeque<>();
    private final List<Hazard> ownLive = new ArrayList<>();
    private final LinkedHashMap<String, Applied> applied = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Applied> eldest) {
            return size() > MAX_APPLIED_REMEMBERED;
        }
    };
    private final Thread worker;
    private volatile boolean closed;
    private volatile ZoneCache zoneCache = new ZoneCache(null, null, List.of());

    private record ZoneCache(List<Hazard> source, String mission, List<KeepOutZone> zones) {
    }

    /**
     * @param nodeId this node
     * @param transport where its hazards go
     * @param clock wall clock: expiry and issue times (ms), the received/applied figures of the bench (µs)
     * @param tracer spans {@code hazard.publish} and {@code hazard.receive}
     * @param currentMission the running mission's id, "" when none
     * @param binding the sender check
     */
    public HazardService(String nodeId, Transport transport, MeshClock clock, Tracer tracer,
            Supplier<String> currentMission, SenderBinding binding, Settings settings) {
        this(nodeId, transport, clock, tracer, currentMission, binding, settings, () -> { });
    }

    /**
     * As above; {@code workerStart} runs first on the worker thread that takes backlogs (the node raises its OS
     * priority there, like the mesh's receive threads that hand it the backlog).
     */
    public HazardService(String nodeId, Transport transport, MeshClock clock, Tracer tracer,
            Supplier<String> currentMission, SenderBinding binding, Settings settings, Runnable workerStart) {
        this.nodeId = NodeIds.require(nodeId);
        this.transport = Objects.requireNonNull(transport, "transport");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tracer = tracer;
        this.currentMission = currentMission;
        this.settings = settings;
        this.intake = new HazardIntake(nodeId, binding);
        // Strictly increasing across restarts without storing anything: start from the clock in microseconds.
        this.sequence = new AtomicLong(clock.micros());
        this.worker = new Thread(() -> {
            workerStart.run();
            work();
        }, "hazards-" + nodeId);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    // ---- receiving ----

    /**
     * Called on the mesh's receive thread: applies the message at once when nothing is waiting and the worker is
     * idle, otherwise queues it for the worker (never blocks).
     */
    public void onSample(String key, byte[] payload, byte[] attachment) {
        long cpuAtReceipt = clock.threadCpuNanos();
        HazardInbox.Raw raw = new HazardInbox.Raw(key, payload, attachment, clock.micros());
        if (inbox.isEmpty() && processing.tryLock()) {
            boolean done = false;
            try {
                if (inbox.isEmpty()) {
                    process(raw, cpuAtReceipt);
                    done = true;
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "hazards: a message could not be processed");
                done = true;
            } finally {
                processing.unlock();
            }
            if (done) {
                return;
            }
        }
        if (!inbox.offer(raw)) {
            synchronized (intake) {
                intake.count(HazardDropReason.QUEUE_OVERFLOW);
            }
        }
    }

    private void work() {
        while (!closed) {
            try {
                if (!inbox.awaitMessage(200)) {
                    continue;
                }
                processing.lock();
                try {
                    HazardInbox.Raw raw;
                    while ((raw = inbox.poll()) != null) {
                        process(raw, -1);
                    }
                } finally {
                    processing.unlock();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "hazard worker: a message could not be processed");
            }
        }
    }

    /** {@code cpuAtReceipt}: the receiving thread's CPU time when the mesh handed it over; -1 on the worker. */
    private void process(HazardInbox.Raw raw, long cpuAtReceipt) {
        Span span = tracer.spanBuilder("hazard.receive").setSpanKind(SpanKind.CONSUMER)
                .setParent(MeshTraceContext.extract(raw.attachment())).startSpan();
        try {
            long now = clock.millis();
            HazardIntake.Verdict verdict;
            synchronized (intake) {
                verdict = intake.check(raw.key(), raw.payload(), now);
            }
            if (!verdict.accepted()) {
                span.setAttribute("lockstep.hazard.dropped", verdict.dropped() == null ? "own"
                        : verdict.dropped().name());
                logDrop(raw.key(), verdict.dropped());
                return;
            }
            Hazard hazard = verdict.hazard();
            span.setAttribute("lockstep.hazard.sender", hazard.sender());
            span.setAttribute("lockstep.hazard.id", hazard.hazardId());
            span.setAttribute("lockstep.hazard.kind", hazard.kind().keyChunk());
            accept(hazard, now, raw.receivedAtMicros(), cpuAtReceipt, span.getSpanContext());
        } finally {
            span.end();
        }
    }

    private void accept(Hazard hazard, long nowMs, long receivedAtMicros, long cpuAtReceipt, SpanContext span) {
        int evicted = board.put(hazard, nowMs);
        synchronized (intake) {
            for (int i = 0; i < evicted; i++) {
                intake.count(HazardDropReason.BOARD_EVICTED);
            }
        }
        long appliedAt = clock.micros();
        long intakeCpu = cpuAtReceipt < 0 ? -1 : (clock.threadCpuNanos() - cpuAtReceipt) / 1_000;
        synchronized (applied) {
            applied.put(hazard.sender() + "/" + hazard.hazardId(), new Applied(hazard, receivedAtMicros, appliedAt,
                    intakeCpu, span));
            applied.notifyAll();
        }
        synchronized (pendingForCore) {
            if (pendingForCore.size() >= MAX_PENDING_FOR_CORE) {
                pendingForCore.pollFirst();
                pendingDropped.incrementAndGet();
            }
            pendingForCore.addLast(hazard);
        }
    }

    private void logDrop(String key, HazardDropReason reason) {
        if (reason == null) {
            return;
        }
        long n;
        synchronized (intake) {
            n = intake.drops().get(reason);
        }
        if (n <= 20 || n % 1_000 == 0) {
            LOG.warnf("dropped a hazard message on %s: %s (%d so far)", key, reason, n);
        }
    }

    // ---- the supervisor and the deterministic core ----

    /** Keep-out zones of the live hazards of the running mission (or of none), as one immutable list. */
    public List<KeepOutZone> zones() {
        List<Hazard> live = board.live(clock.millis());
        String mission = currentMission.get();
        ZoneCache cache = zoneCache;
        if (cache.source == live && Objects.equals(cache.mission, mission)) {
            return cache.zones;
        }
        List<KeepOutZone> zones = new ArrayList<>(live.size());
        for (Hazard h : live) {
            if (h.missionId().isEmpty() || mission.isEmpty() || h.missionId().equals(mission)) {
                zones.add(new KeepOutZone(new Vec2(h.xM(), h.yM()), h.radiusM(), zoneLabel(h)));
            }
        }
        List<KeepOutZone> result = List.copyOf(zones);
        zoneCache = new ZoneCache(live, mission, result);
        return result;
    }

    /**
     * The {@code swarm.hazards} host event for the mission's next tick: hazards received since the last call
     * for this mission (or for none), canonical order, or null when there are none.
     */
    public byte[] eventForNextTick(String missionId, int tickPeriodMs) {
        List<Hazard> batch = new ArrayList<>();
        synchronized (pendingForCore) {
            while (!pendingForCore.isEmpty() && batch.size() < HazardEvents.MAX_PER_EVENT) {
                Hazard h = pendingForCore.pollFirst();
                if (h.missionId().isEmpty() || h.missionId().equals(missionId)) {
                    batch.add(h);
                }
            }
        }
        if (batch.isEmpty()) {
            return null;
        }
        batch.sort(CANONICAL);
        return HazardEvents.encode(batch, clock.millis(), tickPeriodMs);
    }

    /** The keep-out zone's label: the supervisor's {@code HAZARD_KEEP_OUT} intervention detail starts with it. */
    static String zoneLabel(Hazard h) {
        return h.kind().keyChunk() + " hazard " + h.sender() + "/" + h.hazardId();
    }

    /**
     * The span that received (or published) the hazard a {@code HAZARD_KEEP_OUT} intervention names (its detail
     * starts with the zone's label), so the intervention's span continues the hazard's trace.
     */
    public Optional<SpanContext> spanOfIntervention(String detail) {
        synchronized (applied) {
            for (Applied a : applied.values()) {
                if (a.span() != null && detail.startsWith(zoneLabel(a.hazard()) + ":")) {
                    return Optional.of(a.span());
                }
            }
        }
        return Optional.empty();
    }

    // ---- publishing ----

    /**
     * Publishes a hazard this node found, as a child span of the current context (the mission's, on the tick
     * thread). An operator's hazard also goes on this node's own board (its vehicle avoids it too); a
     * detection or an obstacle does not (the vehicle's own sensors already act on it).
     */
    public Hazard publish(HazardKind kind, double xM, double yM, double radiusM, int ttlMs) {
        long now = clock.millis();
        Hazard hazard = new Hazard(nodeId, currentMission.get(), nextId.getAndIncrement() & Integer.MAX_VALUE,
                sequence.incrementAndGet(), kind, toMm(xM), toMm(yM), Math.max(1, toMm(radiusM)), now, ttlMs);
        Context parent = Context.current();
        Span span = tracer.spanBuilder("hazard.publish").setParent(parent).setSpanKind(SpanKind.PRODUCER).startSpan();
        try {
            span.setAttribute("lockstep.hazard.id", hazard.hazardId());
            span.setAttribute("lockstep.hazard.kind", kind.keyChunk());
            byte[] attachment = MeshTraceContext.attachment(parent.with(span));
            if (transport.put(HazardKeys.of(kind, nodeId), HazardCodec.encode(hazard), attachment,
                    kind == HazardKind.OPERATOR)) {
                published.incrementAndGet();
            } else {
                publishFailed.incrementAndGet();
            }
        } finally {
            span.end();
        }
        synchronized (ownLive) {
            ownLive.removeIf(h -> !h.liveAt(now));
            ownLive.add(hazard);
            if (ownLive.size() > HazardBoard.MAX_PER_SENDER) {
                ownLive.remove(0);
            }
        }
        if (kind == HazardKind.OPERATOR) {
            accept(hazard, now, -1, -1, span.getSpanContext());
        }
        return hazard;
    }

    /** The hazard-scout agent's reports ({@code swarm/hazard/<node>}, "x=… y=… score=…") after a tick. */
    public void onEmitted(List<EmittedMessage> emitted) {
        for (EmittedMessage m : emitted) {
            DetectionReport.parse(m.topic(), m.data()).ifPresent(report ->
                    publishUnlessKnown(HazardKind.DETECTION, report.xM(), report.yM(), settings.detectionRadiusM()));
        }
    }

    /** The supervisor's obstacle reflex stopped the vehicle at {@code position}. */
    public void onObstacleStop(Vec2 position) {
        if (position.isFinite()) {
            publishUnlessKnown(HazardKind.OBSTACLE, position.x(), position.y(), settings.obstacleRadiusM());
        }
    }

    /** Coalesces repeated finds: nothing new is published within a live own hazard of the same kind. */
    private void publishUnlessKnown(HazardKind kind, double xM, double yM, double radiusM) {
        long now = clock.millis();
        synchronized (ownLive) {
            for (Hazard h : ownLive) {
                if (h.kind() == kind && h.liveAt(now) && Math.hypot(h.xM() - xM, h.yM() - yM) < h.radiusM()) {
                    coalesced.incrementAndGet();
                    return;
                }
            }
        }
        publish(kind, xM, yM, radiusM, settings.ttlMsOf(kind));
    }

    private static int toMm(double metres) {
        if (!Double.isFinite(metres) || Math.abs(metres) > 2_000_000.0) {
            throw new IllegalArgumentException("coordinate out of range: " + metres);
        }
        return (int) Math.round(metres * 1000.0);
    }

    // ---- figures ----

    /** Live hazards as applied (canonical order), with when this node applied each. */
    public List<Applied> live() {
        List<Hazard> live = board.live(clock.millis());
        List<Applied> out = new ArrayList<>(live.size());
        synchronized (applied) {
            for (Hazard h : live) {
                Applied a = applied.get(h.sender() + "/" + h.hazardId());
                out.add(a != null && a.hazard().equals(h) ? a : new Applied(h, -1, -1, -1, null));
            }
        }
        return out;
    }

    /**
     * Waits until the hazard {@code sender/hazardId} has been applied (it may already have been: the last
     * {@value #MAX_APPLIED_REMEMBERED} are remembered, even once expired), at most {@code timeoutMs}. Lets a bench
     * or a test wait for a hazard without polling the node.
     */
    public Optional<Applied> awaitApplied(String sender, int hazardId, long timeoutMs) throws InterruptedException {
        String key = sender + "/" + hazardId;
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        synchronized (applied) {
            Applied a;
            while ((a = applied.get(key)) == null) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return Optional.empty();
                }
                applied.wait(left);
            }
            return Optional.of(a);
        }
    }

    /**
     * Every hazard this node knows and that still holds: its own finds and what peers shared, one per
     * (sender, hazard id) (the newest sequence wins), in canonical order. What the node reports to C2.
     */
    public List<Hazard> known() {
        long now = clock.millis();
        Map<String, Hazard> byId = new java.util.TreeMap<>();
        List<Hazard> own;
        synchronized (ownLive) {
            own = new ArrayList<>(ownLive);
        }
        for (Hazard h : own) {
            if (h.liveAt(now)) {
                byId.merge(h.sender() + "/" + h.hazardId(), h, (a, b) -> a.sequence() >= b.sequence() ? a : b);
            }
        }
        for (Hazard h : board.live(now)) {
            byId.merge(h.sender() + "/" + h.hazardId(), h, (a, b) -> a.sequence() >= b.sequence() ? a : b);
        }
        return List.copyOf(byId.values());
    }

    public Map<String, Long> counters() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("published", published.get());
        out.put("publish_failed", publishFailed.get());
        out.put("coalesced", coalesced.get());
        synchronized (intake) {
            out.put("accepted", intake.accepted());
            intake.drops().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.put("dropped_" + e.getKey().name().toLowerCase(java.util.Locale.ROOT),
                            e.getValue()));
        }
        out.put("pending_dropped", pendingDropped.get());
        out.put("inbox_high_water", (long) inbox.highWater());
        out.put("inbox_capacity", (long) inbox.capacity());
        return out;
    }

    /** Every drop reason's count (tests, metrics). */
    public Map<HazardDropReason, Long> drops() {
        synchronized (intake) {
            return intake.drops();
        }
    }

    public int inboxSize() {
        return inbox.size();
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
    }
}
