package io.lockstep.c2.trace;

import io.lockstep.proto.v1.TraceContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;

/** The W3C trace context (traceparent/tracestate) of the current span, in its wire form. */
public final class TraceContextCapture {

    private TraceContextCapture() {
    }

    /** Empty when there is no valid current span (tracing disabled). */
    public static TraceContext current() {
        Map<String, String> headers = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, Map::put);
        TraceContext.Builder trace = TraceContext.newBuilder();
        if (headers.containsKey("traceparent")) {
            trace.setTraceparent(headers.get("traceparent"));
        }
        if (headers.containsKey("tracestate")) {
            trace.setTracestate(headers.get("tracestate"));
        }
        return trace.build();
    }
}
