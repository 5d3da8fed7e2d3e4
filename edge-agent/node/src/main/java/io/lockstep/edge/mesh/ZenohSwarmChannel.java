package io.lockstep.edge.mesh;

import io.lockstep.edge.swarm.SwarmChannel;
import io.lockstep.mesh.api.EncodingNames;
import io.lockstep.mesh.api.GetOptions;
import io.lockstep.mesh.api.PutOptions;
import io.lockstep.mesh.api.Queryable;
import io.lockstep.mesh.api.Sample;
import io.lockstep.mesh.api.SampleKind;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.Subscriber;
import io.lockstep.swarm.codec.Limits;
import io.lockstep.swarm.keys.SwarmKeys;
import io.lockstep.swarm.rightofway.NegotiationDrops;
import io.lockstep.swarm.rightofway.NegotiationInbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A cell mission's coverage exchange over Zenoh:
 * <ul>
 *   <li>{@code lockstep/swarm/<mission>/coverage/<node>} (swarm-core's {@code SwarmKeys}): each node's covered cells, put on change and
 *       every gossip period, and answered by a queryable (a node that joins late or reconnects asks
 *       {@code lockstep/swarm/<mission>/coverage/*});</li>
 *   <li>{@code lockstep/swarm/<mission>/digest/<node>}: each node's agreement digest.</li>
 * </ul>
 * Messages are queued raw for the mission's tick thread, which checks them; the queues are bounded.
 */
public final class ZenohSwarmChannel implements SwarmChannel, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ZenohSwarmChannel.class);
    static final int MAX_QUEUED = 1_024;
    static final int MAX_NEGOTIATION_PEERS = 256;
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(3);

    private final Session session;
    private final String selfChunk;
    private final ZenohPeerMesh membership;
    private final MeshSenderCheck senders;
    private final Map<String, Joined> missions = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sentBytes = new AtomicLong();
    private final AtomicLong receivedBytes = new AtomicLong();
    private final NegotiationDrops negotiationDrops = new NegotiationDrops();
    private final NegotiationInbox negotiation = new NegotiationInbox(MAX_NEGOTIATION_PEERS, negotiationDrops);
    private final Subscriber intents;
    private final Tracer tracer;
    /** Per peer key chunk, the span that received its latest intent: a yield to that peer continues it. */
    private final Map<String, SpanContext> lastIntentSpans = new ConcurrentHashMap<>();

    private final class Joined {
        final String prefix;
        final Subscriber coverage;
        final Subscriber digests;
        final Queryable answers;
        final List<Received> coverageQueue = new ArrayList<>();
        final List<Received> digestQueue = new ArrayList<>();

        Joined(String missionId, Supplier<byte[]> coverageAnswer) {
            prefix = SwarmKeys.mission(missionId);
            coverage = session.declareSubscriber(prefix + "coverage/*", s -> enqueue(coverageQueue, prefix + "coverage/", s));
            digests = session.declareSubscriber(prefix + "digest/*", s -> enqueue(digestQueue, prefix + "digest/", s));
            answers = session.declareQueryable(prefix + "coverage/" + selfChunk, query -> query.reply(
                    prefix + "coverage/" + selfChunk, coverageAnswer.get(), EncodingNames.ZENOH_BYTES, null));
        }

        void close() {
            coverage.close();
            digests.close();
            answers.close();
        }
    }

    public ZenohSwarmChannel(Session session, String nodeId, ZenohPeerMesh membership) {
        this(session, nodeId, membership, new MeshSenderCheck(nodeId, false));
    }

    public ZenohSwarmChannel(Session session, String nodeId, ZenohPeerMesh membership, MeshSenderCheck senders) {
        this(session, nodeId, membership, senders, TracerProvider.noop().get("io.lockstep.edge"));
    }

    /**
     * @param tracer spans {@code intent.publish} and {@code intent.receive}: negotiation messages carry W3C trace
     *     context in their attachment ({@link MeshTraceContext}), and the receiver's span is a child of the sender's
     */
    public ZenohSwarmChannel(Session session, String nodeId, ZenohPeerMesh membership, MeshSenderCheck senders,
            Tracer tracer) {
        this.session = session;
        this.tracer = tracer;
        this.selfChunk = MeshKeys.chunk(nodeId);
        this.membership = membership;
        this.senders = senders;
        String negotiationPrefix = SwarmKeys.PREFIX + "negotiation/";
        this.intents = session.declareSubscriber(SwarmKeys.negotiationAll(), sample -> {
            if (sample.kind() == SampleKind.PUT && sample.keyExpr().startsWith(negotiationPrefix)) {
                // The peer is the key chunk; the sender inside is checked against it (SenderBinding) on the tick thread.
                String peer = sample.keyExpr().substring(negotiationPrefix.length());
                if (!peer.equals(selfChunk) && senders.allows(sample, peer, "negotiation")) {
                    negotiation.offer(peer, sample.payload());
                    traceReceived(peer, sample.attachment());
                }
            }
        });
    }

    @Override
    public void publishIntent(byte[] intent) {
        Span span = tracer.spanBuilder("intent.publish").setSpanKind(SpanKind.PRODUCER).startSpan();
        try {
            session.put(SwarmKeys.PREFIX + "negotiation/" + selfChunk, intent, PutOptions.DEFAULT
                    .withAttachment(MeshTraceContext.attachment(Context.current().with(span))));
        } finally {
            span.end();
        }
        sentBytes.addAndGet(intent.length);
    }

    /** The peer's intent arrived with its trace context: an {@code intent.receive} span, remembered per peer. */
    private void traceReceived(String peer, byte[] attachment) {
        Context parent = MeshTraceContext.extract(attachment);
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            return;
        }
        Span span = tracer.spanBuilder("intent.receive").setSpanKind(SpanKind.CONSUMER).setParent(parent)
                .setAttribute("lockstep.intent.sender", peer).startSpan();
        span.end();
        if (lastIntentSpans.size() < MAX_NEGOTIATION_PEERS || lastIntentSpans.containsKey(peer)) {
            lastIntentSpans.put(peer, span.getSpanContext());
        }
    }

    /** The span that received {@code nodeId}'s latest intent, if it carried a trace. */
    public Optional<SpanContext> lastIntentSpan(String nodeId) {
        return Optional.ofNullable(lastIntentSpans.get(MeshKeys.chunk(nodeId)));
    }

    @Override
    public List<NegotiationInbox.Raw> drainIntents() {
        return negotiation.drain();
    }

    @Override
    public NegotiationDrops negotiationDrops() {
        return negotiationDrops;
    }

    private void enqueue(List<Received> queue, String keyPrefix, Sample sample) {
        if (sample.kind() != SampleKind.PUT || !sample.keyExpr().startsWith(keyPrefix)) {
            return;
        }
        String peer = sample.keyExpr().substring(keyPrefix.length());
        if (peer.equals(selfChunk) && sample.peerIdentity() == null) {
            return;
        }
        if (!senders.allows(sample, peer, "swarm")) {
            return;
        }
        byte[] payload = sample.payload();
        receivedBytes.addAndGet(payload.length);
        synchronized (queue) {
            if (queue.size() >= MAX_QUEUED || payload.length > Limits.MAX_COVERAGE_BYTES) {
                long n = dropped.incrementAndGet();
                if (n <= 20 || n % 100 == 0) {
                    LOG.warnf("dropped a swarm message from %s (%d bytes; %d dropped so far): queue full or oversized",
                            peer, payload.length, n);
                }
                return;
            }
            queue.add(new Received(peer, payload));
        }
    }

    @Override
    public Set<String> liveMemberKeys() {
        return membership.members();
    }

    @Override
    public String memberKey(String nodeId) {
        return MeshKeys.chunk(nodeId);
    }

    @Override
    public void join(String missionId, Supplier<byte[]> coverageAnswer) {
        Joined joined = missions.computeIfAbsent(missionId, id -> new Joined(id, coverageAnswer));
        // Catch up with what the peers have covered already (late join, restart, reconnection).
        session.get(joined.prefix + "coverage/*", GetOptions.DEFAULT.withTimeout(CATCH_UP_TIMEOUT), reply -> {
            if (reply.isOk()) {
                enqueue(joined.coverageQueue, joined.prefix + "coverage/", reply.sample());
            }
        }, () -> { });
    }

    @Override
    public void leave(String missionId) {
        Joined joined = missions.remove(missionId);
        if (joined != null) {
            joined.close();
        }
    }

    @Override
    public void publishCoverage(String missionId, byte[] coverage) {
        put(missionId, "coverage/", coverage);
    }

    @Override
    public void publishDigest(String missionId, byte[] digest) {
        put(missionId, "digest/", digest);
    }

    private void put(String missionId, String kind, byte[] data) {
        Joined joined = missions.get(missionId);
        if (joined != null) {
            session.put(joined.prefix + kind + selfChunk, data, PutOptions.DEFAULT.withReliable(true));
            sentBytes.addAndGet(data.length);
        }
    }

    @Override
    public List<Received> drainCoverage(String missionId) {
        Joined joined = missions.get(missionId);
        return joined == null ? List.of() : drain(joined.coverageQueue);
    }

    @Override
    public List<Received> drainDigests(String missionId) {
        Joined joined = missions.get(missionId);
        return joined == null ? List.of() : drain(joined.digestQueue);
    }

    private static List<Received> drain(List<Received> queue) {
        synchronized (queue) {
            List<Received> out = new ArrayList<>(queue);
            queue.clear();
            return out;
        }
    }

    /** Payload bytes of coverage and digest messages this node put (gossip traffic, for the bench). */
    public long sentBytes() {
        return sentBytes.get();
    }

    public long receivedBytes() {
        return receivedBytes.get();
    }

    /** Messages dropped before reaching a mission (queue full, oversized). */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        intents.close();
        missions.values().forEach(Joined::close);
        missions.clear();
    }
}
