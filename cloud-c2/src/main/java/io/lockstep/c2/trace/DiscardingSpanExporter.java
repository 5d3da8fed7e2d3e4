package io.lockstep.c2.trace;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.inject.Singleton;
import java.util.Collection;

/**
 * Drops finished spans. Quarkus installs its OTLP exporter only when no SpanExporter bean can be looked
 * up, so this bean being active turns OTLP export off while spans (and the trace context C2 hands to
 * nodes) still exist. It is active unless {@code lockstep.c2.otlp.endpoint} names a collector, which
 * {@code LOCKSTEP_OTLP_ENDPOINT} sets (see docs/c2.md): no collector, no export, no connection errors.
 */
@Singleton
@Unremovable
@LookupIfProperty(name = "lockstep.c2.otlp.endpoint", stringValue = DiscardingSpanExporter.OFF, lookupIfMissing = true)
public class DiscardingSpanExporter implements SpanExporter {

    public static final String OFF = "off";

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
