package io.lockstep.edge.mesh;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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

    /** Reads {@code name=value} lines straight from the attachment's text, no map in between. */
    private static final TextMapGetter<String> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            List<String> names = new ArrayList<>(2);
            for (String line : carrier.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    names.add(line.substring(0, eq));
                }
            }
            return names;
        }

        @Override
        public String get(String carrier, String key) {
            if (carrier == null) {
                return null;
            }
            int from = 0;
            while (from < carrier.length()) {
                int end = carrier.indexOf('\n', from);
                if (end < 0) {
                    end = carrier.length();
                }
                if (end - from > key.length() && carrier.charAt(from + key.length()) == '='
                        && carrier.startsWith(key, from)) {
                    return carrier.substring(from + key.length() + 1, end);
                }
                from = end + 1;
            }
            return null;
        }
    };

    private MeshTraceContext() {
    }

    /** The attachment carrying {@code context}'s span (empty bytes when it has none). */
    public static byte[] attachment(Context context) {
        StringBuilder text = new StringBuilder(64);
        W3C.inject(context, text, (carrier, k, v) -> carrier.append(k).append('=').append(v).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The context of the sender's span, or {@link Context#root()} when the attachment carries none. */
    public static Context extract(byte[] attachment) {
        if (attachment == null || attachment.length == 0 || attachment.length > MAX_BYTES) {
            return Context.root();
        }
        return W3C.extract(Context.root(), new String(attachment, StandardCharsets.UTF_8), GETTER);
    }
}
