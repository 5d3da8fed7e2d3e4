package io.lockstep.c2.trace;

import io.lockstep.proto.v1.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code link.assignment.send} span per node an assignment goes to, a child of the dispatch span. Its
 * context is what the assignment carries, so the node's {@code link.assignment.receive} span is its child.
 * The spans are ended together once the assignments are handed to the link (sent, or queued for a node that
 * is offline).
 */
@ApplicationScoped
public class LinkSendSpans {

    private final Tracer tracer;

    public LinkSendSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Opens the spans of one dispatch; close it after the assignments went to the link. */
    public Batch open(String missionId) {
        return new Batch(missionId);
    }

    /** The send spans of one dispatch. */
    public final class Batch implements AutoCloseable {
        private final String missionId;
        private final List<Span> spans = new ArrayList<>();

        private Batch(String missionId) {
            this.missionId = missionId;
        }

        /** Opens the node's send span (a child of the current span) and returns its W3C trace context. */
        public TraceContext forNode(String nodeId) {
            Span span = tracer.spanBuilder("link.assignment.send")
                    .setSpanKind(SpanKind.PRODUCER)
                    .setAttribute("messaging.system", "grpc")
                    .setAttribute("messaging.operation.type", "send")
                    .setAttribute("lockstep.mission.id", missionId)
                    .setAttribute("lockstep.node.id", nodeId)
                    .startSpan();
            spans.add(span);
            try (Scope ignored = span.makeCurrent()) {
                return TraceContextCapture.current();
            }
        }

        @Override
        public void close() {
            spans.forEach(Span::end);
        }
    }
}
