package io.lockstep.c2.trace;

import io.lockstep.proto.v1.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/**
 * Runs a command-issuing operation in its own span (a child of the REST request's span) and hands it the
 * span's W3C trace context, which goes into the commands so the node's spans join the commander's trace.
 */
@ApplicationScoped
public class CommandTracing {

    private final Tracer tracer;

    public CommandTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    public <T> T inSpan(String name, String missionId, Function<TraceContext, T> operation) {
        Span span = tracer.spanBuilder(name).setAttribute("lockstep.mission.id", missionId).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return operation.apply(TraceContextCapture.current());
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            throw e;
        } finally {
            span.end();
        }
    }
}
