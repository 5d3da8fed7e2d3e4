package io.lockstep.edge.tracing;

import io.lockstep.proto.v1.MissionAssignment;
import io.lockstep.proto.v1.StatusUpdate;
import io.lockstep.proto.v1.TraceContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;
import java.util.Objects;

/**
 * The node's spans around the deterministic core, all in the commander's trace (docs/observability.md):
 * the assignment received over the link, the mission, the status updates sent back, one tick in every
 * {@code tickSampleEvery} and the inference calls of a sampled tick. Nothing here enters the runtime: spans are
 * opened and closed by the node around its calls into the core, and sampling is decided by tick number, so
 * tracing never changes what the agents see.
 */
public final class NodeTracing {

    /** Default of {@code lockstep.node.tracing.tick-sample-every}: one tick in a hundred. */
    public static final int DEFAULT_TICK_SAMPLE_EVERY = 100;

    public static final AttributeKey<String> MISSION_ID = AttributeKey.stringKey("lockstep.mission.id");
    public static final AttributeKey<String> NODE_ID = AttributeKey.stringKey("lockstep.node.id");
    public static final AttributeKey<Long> SHARE_INDEX = AttributeKey.longKey("lockstep.share.index");
    public static final AttributeKey<Long> TICK = AttributeKey.longKey("lockstep.tick");
    public static final AttributeKey<String> STATE = AttributeKey.stringKey("lockstep.mission.state");
    public static final AttributeKey<String> MODEL = AttributeKey.stringKey("lockstep.model.name");
    public static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    public static final AttributeKey<String> MESSAGING_OPERATION = AttributeKey.stringKey("messaging.operation.type");

    private final Tracer tracer;
    private final int tickSampleEvery;
    /** The sampled tick in progress (its inference calls become its children); null between sampled ticks. */
    private volatile Context sampledTick;

    /**
     * @param tickSampleEvery trace one tick in this many (tick numbers divisible by it); 0 traces no tick
     */
    public NodeTracing(Tracer tracer, int tickSampleEvery) {
        if (tickSampleEvery < 0) {
            throw new IllegalArgumentException("lockstep.node.tracing.tick-sample-every must be 0 (off) or more, got "
                    + tickSampleEvery);
        }
        this.tracer = Objects.requireNonNull(tracer, "tracer");
        this.tickSampleEvery = tickSampleEvery;
    }

    public Tracer tracer() {
        return tracer;
    }

    public int tickSampleEvery() {
        return tickSampleEvery;
    }

    /** The commander's context carried in the assignment; the root context when absent or malformed. */
    public static Context commanderContext(MissionAssignment assignment) {
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), assignment.getTrace(), TRACE_GETTER);
    }

    /** {@code link.assignment.receive}: the node took an assignment off the link (child of C2's send). */
    public Span assignmentReceived(MissionAssignment assignment, String nodeId) {
        return tracer.spanBuilder("link.assignment.receive")
                .setParent(commanderContext(assignment))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(MESSAGING_SYSTEM, "grpc")
                .setAttribute(MESSAGING_OPERATION, "receive")
                .setAttribute(MISSION_ID, assignment.getMission().getId())
                .setAttribute(NODE_ID, nodeId)
                .setAttribute(SHARE_INDEX, (long) assignment.getShareIndex())
                .startSpan();
    }

    /** The mission span ({@code mission.execute} or {@code mission.resume}), a child of {@code parent}. */
    public Span mission(Context parent, MissionAssignment assignment, String nodeId, boolean resume) {
        return tracer.spanBuilder(resume ? "mission.resume" : "mission.execute")
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(MISSION_ID, assignment.getMission().getId())
                .setAttribute(NODE_ID, nodeId)
                .setAttribute(SHARE_INDEX, (long) assignment.getShareIndex())
                .startSpan();
    }

    /** Runs {@code send} inside a {@code link.status.send} span, a child of {@code parent}. */
    public void statusSent(Span parent, StatusUpdate update, Runnable send) {
        Span span = tracer.spanBuilder("link.status.send")
                .setParent(Context.root().with(parent))
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute(MESSAGING_SYSTEM, "grpc")
                .setAttribute(MESSAGING_OPERATION, "send")
                .setAttribute(MISSION_ID, update.getMissionId())
                .setAttribute(STATE, update.getState().name())
                .startSpan();
        try {
            send.run();
        } finally {
            span.end();
        }
    }

    /** Whether tick {@code tick} is traced: one in {@link #tickSampleEvery()}, never when that is 0. */
    public boolean sampled(long tick) {
        return tickSampleEvery > 0 && tick % tickSampleEvery == 0;
    }

    /**
     * Opens {@code mission.tick} for a sampled tick (a child of the mission span) and makes it the parent of
     * the inference calls until {@link #endTick(Span)}; returns null for a tick that is not sampled.
     */
    public Span beginTick(Span mission, long tick) {
        if (!sampled(tick)) {
            return null;
        }
        Span span = tracer.spanBuilder("mission.tick")
                .setParent(Context.root().with(mission))
                .setAttribute(TICK, tick)
                .startSpan();
        sampledTick = Context.root().with(span);
        return span;
    }

    /** Ends a span from {@link #beginTick}; nothing for null. */
    public void endTick(Span tick) {
        if (tick == null) {
            return;
        }
        sampledTick = null;
        tick.end();
    }

    /** The sampled tick in progress, or null: inference calls are traced only inside sampled ticks. */
    Context sampledTick() {
        return sampledTick;
    }

    private static final TextMapGetter<TraceContext> TRACE_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(TraceContext carrier) {
            return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(TraceContext carrier, String key) {
            if (carrier == null) {
                return null;
            }
            String value = switch (key) {
                case "traceparent" -> carrier.getTraceparent();
                case "tracestate" -> carrier.getTracestate();
                default -> "";
            };
            return value.isEmpty() ? null : value;
        }
    };
}
