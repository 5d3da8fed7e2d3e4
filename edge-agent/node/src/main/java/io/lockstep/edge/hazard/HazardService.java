package io.lockstep.edge.hazard;

import io.lockstep.edge.mesh.MeshTraceContext;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.safety.KeepOutZone;
import io.lockstep.runtime.EmittedMessage;
import io.lockstep.swarm.allocation.NodeIds;
import io.lockstep.swarm.hazard.Hazard;
import io.lockstep.swarm.hazard.HazardBoard;
import io.lockstep.swarm.hazard.HazardCodec;
import io.lockstep.swarm.hazard.HazardDropReason;
import io.lockstep.swarm.hazard.HazardIntake;
import io.lockstep.swarm.hazard.HazardKeys;
import io.lockstep.swarm.hazard.HazardKind;
import io.lockstep.swarm.hazard.SenderBinding;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * A node's hazards (docs/hazards.md): publishes its own (hazard-scout detections, obstacle-reflex stops,
 * operator marks) on {@code lockstep/swarm/hazards/<kind>/<node>}, and turns peers' ones into the safety
 * supervisor's keep-out zones and into the {@code swarm.hazards} journaled input of the running mission.
 *
 * <p>Receiving: the mesh thread only queues raw messages ({@link HazardInbox}, bounded, drop-oldest); one worker
 * thread checks them ({@link HazardIntake}: size, decoding, {@link SenderBinding}, kind, expiry, replay) and puts
 * the accepted ones on the {@link HazardBoard}, which the supervisor reads as an immutable list. So a flood from
 * a peer costs the tick loop nothing but a list read, and every dropped message is counted by reason.
 */
public final class HazardService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HazardService.class);
    static final int INBOX_CAPACITY = 1_024;
    /** Hazards waiting for the next tick of the mission; beyond this the oldest are dropped (counted). */
    static final int MAX_PENDING_FOR_CORE = 256;
    private static final int MAX_APPLIED_REMEMBERED = 512;
    private static final Pattern DETECTION = Pattern.compile("x=(-?[0-9.]+) y=(-?[0-9.]+)");
    private static final Comparator<Hazard> CANONICAL = Comparator.comparing(Hazard::sender, NodeIds.ORDER)
            .thenComparingInt(Hazard::hazardId).thenComparingLong(Hazard::sequence);

    /** Puts one message on the mesh; false when the mesh refused it. */
    @FunctionalInterface
    public interface Transport {
        boolean put(String key, byte[] payload, byte[] attachment);
    }

    /** Tunables of the hazards this node publishes itself. */
    public record Settings(double detectionRadiusM, double obstacleRadiusM, int ttlMs) {
        public static final Settings DEFAULTS = new Settings(5.0, 2.0, 60_000);
    }

    /** A hazard on the board, with when this node applied it (Unix µs) and the trace it arrived with. */
    public record Applied(Hazard hazard, long appliedAtMicros, String traceId) {
    }

    private final String nodeId;
    private final Transport transport;
    private final LongSupplier clockMillis;
    private final LongSupplier clockMicros;
    private final Tracer tracer;
    private final Supplier<String> currentMission;
    private final Settings settings;
    private final HazardIntake intake;
    private final HazardBoard board = new HazardBoard();
    private final HazardInbox inbox = new HazardInbox(INBOX_CAPACITY);
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
     * @param clockMillis wall clock, Unix ms (expiry, issue time)
     * @param clockMicros wall clock, Unix µs (the applied-at and published-at figures of the bench)
     * @param tracer spans {@code hazard.publish} and {@code hazard.receive}
     * @param currentMission the running mission's id, "" when none
     * @param binding the sender check
     */
    public HazardService(String nodeId, Transport transport, LongSupplier clockMillis, LongSupplier clockMicros,
            Tracer tracer, Supplier<String> currentMission, SenderBinding binding, Settings settings) {
        this.nodeId = NodeIds.require(nodeId);
        this.transport = Objects.requireNonNull(transport, "transport");
        this.clockMillis = clockMillis;
        this.clockMicros = clockMicros;
        this.tracer = tracer;
        this.currentMission = currentMission;
        this.settings = settings;
        this.intake = new HazardIntake(nodeId, binding);
        // Strictly increasing across restarts without storing anything: start from the clock in microseconds.
        this.sequence = new AtomicLong(clockMicros.getAsLong());
        this.worker = new Thread(this::work, "hazards-" + nodeId);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    // ---- receiving ----

    /** Called on the mesh's receive thread: only queues. */
    public void onSample(String key, byte[] payload, byte[] attachment) {
        if (!inbox.offer(new HazardInbox.Raw(key, payload, attachment, System.nanoTime()))) {
            synchronized (intake) {
                intake.count(HazardDropReason.QUEUE_OVERFLOW);
            }
        }
    }

    private void work() {
        while (!closed) {
            try {
                HazardInbox.Raw raw = inbox.take(200);
                if (raw != null) {
                    process(raw);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "hazard worker: a message could not be processed");
            }
        }
    }

    private void process(HazardInbox.Raw raw) {
        Span span = tracer.spanBuilder("hazard.receive").setSpanKind(SpanKind.CONSUMER)
                .setParent(MeshTraceContext.extract(raw.attachment())).startSpan();
        try {
            long now = clockMillis.getAsLong();
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
            accept(hazard, now, span.getSpanContext().getTraceId());
        } finally {
            span.end();
        }
    }

    private void accept(Hazard hazard, long nowMs, String traceId) {
        int evicted = board.put(hazard, nowMs);
        synchronized (intake) {
            for (int i = 0; i < evicted; i++) {
                intake.count(HazardDropReason.BOARD_EVICTED);
            }
        }
        synchronized (applied) {
            applied.put(hazard.sender() + "/" + hazard.hazardId(), new Applied(hazard, clockMicros.getAsLong(),
                    traceId));
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
        List<Hazard> live = board.live(clockMillis.getAsLong());
        String mission = currentMission.get();
        ZoneCache cache = zoneCache;
        if (cache.source == live && Objects.equals(cache.mission, mission)) {
            return cache.zones;
        }
        List<KeepOutZone> zones = new ArrayList<>(live.size());
        for (Hazard h : live) {
            if (h.missionId().isEmpty() || mission.isEmpty() || h.missionId().equals(mission)) {
                zones.add(new KeepOutZone(new Vec2(h.xM(), h.yM()), h.radiusM(),
                        h.kind().keyChunk() + " hazard " + h.sender() + "/" + h.hazardId()));
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
        return HazardEvents.encode(batch, clockMillis.getAsLong(), tickPeriodMs);
    }

    // ---- publishing ----

    /**
     * Publishes a hazard this node found, as a child span of the current context (the mission's, on the tick
     * thread). An operator's hazard also goes on this node's own board (its vehicle avoids it too); a
     * detection or an obstacle does not (the vehicle's own sensors already act on it).
     */
    public Hazard publish(HazardKind kind, double xM, double yM, double radiusM, int ttlMs) {
        long now = clockMillis.getAsLong();
        Hazard hazard = new Hazard(nodeId, currentMission.get(), nextId.getAndIncrement() & Integer.MAX_VALUE,
                sequence.incrementAndGet(), kind, toMm(xM), toMm(yM), Math.max(1, toMm(radiusM)), now, ttlMs);
        Span span = tracer.spanBuilder("hazard.publish").setSpanKind(SpanKind.PRODUCER).startSpan();
        String traceId = span.getSpanContext().getTraceId();
        try {
            span.setAttribute("lockstep.hazard.id", hazard.hazardId());
            span.setAttribute("lockstep.hazard.kind", kind.keyChunk());
            byte[] attachment = MeshTraceContext.attachment(Context.current().with(span));
            if (transport.put(HazardKeys.of(kind, nodeId), HazardCodec.encode(hazard), attachment)) {
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
            accept(hazard, now, traceId);
        }
        return hazard;
    }

    /** The hazard-scout agent's reports ({@code swarm/hazard/<node>}, "x=… y=… score=…") after a tick. */
    public void onEmitted(List<EmittedMessage> emitted) {
        for (EmittedMessage m : emitted) {
            if (!m.topic().startsWith("swarm/hazard/")) {
                continue;
            }
            Matcher match = DETECTION.matcher(new String(m.data(), StandardCharsets.UTF_8));
            if (!match.find()) {
                continue;
            }
            try {
                publishUnlessKnown(HazardKind.DETECTION, Double.parseDouble(match.group(1)),
                        Double.parseDouble(match.group(2)), settings.detectionRadiusM());
            } catch (NumberFormatException e) {
                // an agent's malformed report: not a hazard
            }
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
        long now = clockMillis.getAsLong();
        synchronized (ownLive) {
            for (Hazard h : ownLive) {
                if (h.kind() == kind && h.liveAt(now) && Math.hypot(h.xM() - xM, h.yM() - yM) < h.radiusM()) {
                    coalesced.incrementAndGet();
                    return;
                }
            }
        }
        publish(kind, xM, yM, radiusM, settings.ttlMs());
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
        List<Hazard> live = board.live(clockMillis.getAsLong());
        List<Applied> out = new ArrayList<>(live.size());
        synchronized (applied) {
            for (Hazard h : live) {
                Applied a = applied.get(h.sender() + "/" + h.hazardId());
                out.add(a != null && a.hazard().equals(h) ? a : new Applied(h, -1, ""));
            }
        }
        return out;
    }

    /**
     * Every hazard this node knows and that still holds: its own finds and what peers shared, one per
     * (sender, hazard id) (the newest sequence wins), in canonical order. What the node reports to C2.
     */
    public List<Hazard> known() {
        long now = clockMillis.getAsLong();
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
