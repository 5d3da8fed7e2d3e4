package io.lockstep.edge.mesh;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * W3C trace context in a Zenoh attachment (the PUT's attachment extension): UTF-8 lines {@code name=value},
 * here {@code traceparent=...} and optionally {@code tracestate=...}. The receiving side starts its span as a
 * child of the sender's, so one trace shows a hazard or an e-stop going from one node to another. An
 * attachment that is absent, too long or not of this form yields no parent (never an error).
 */
public final class MeshTraceContext {

    /** Longer attachments are not parsed (a traceparent is 55 characters, a tracestate at most 512). */
    static final int MAX_BYTES = 1_024;
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private MeshTraceContext() {
    }

    /** The attachment carrying {@code context}'s span (empty bytes when it has none). */
    public static byte[] attachment(Context context) {
        Map<String, String> carrier = new LinkedHashMap<>();
        W3C.inject(context, carrier, Map::put);
        StringBuilder text = new StringBuilder();
        carrier.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The context of the sender's span, or {@link Context#root()} when the attachment carries none. */
    public static Context extract(byte[] attachment) {
        if (attachment == null || attachment.length == 0 || attachment.length > MAX_BYTES) {
            return Context.root();
        }
        Map<String, String> carrier = new LinkedHashMap<>();
        for (String line : new String(attachment, StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                carrier.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return W3C.extract(Context.root(), carrier, GETTER);
    }
}
