package io.lockstep.edge.mesh;

import io.lockstep.edge.hazard.HazardService;
import io.lockstep.platform.safety.Intervention;
import io.lockstep.platform.safety.InterventionKind;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ends a peer's trace where it acts on this vehicle: when the safety supervisor starts clamping because of a
 * peer's hazard ({@code HAZARD_KEEP_OUT}) or gives way to a peer ({@code SWARM_YIELD}), a
 * {@code hazard.intervention} or {@code rightofway.yield} span is started as a child of the span that received
 * that hazard or that peer's latest intent, so one trace runs from the peer's publish to this intervention. A
 * supervisor listener (outside the deterministic runtime, which never sees a span); interventions with no traced
 * cause make no span.
 */
final class MeshInterventionSpans implements Consumer<Intervention> {

    /** The swarm rule's detail names the nodes it gives way to: "... (right of way of node-a, node-c) ...". */
    private static final Pattern YIELD_TO = Pattern.compile("right of way of ([^)]*)\\)");

    private final Tracer tracer;
    private final HazardService hazards;
    private final ZenohSwarmChannel swarm;

    MeshInterventionSpans(Tracer tracer, HazardService hazards, ZenohSwarmChannel swarm) {
        this.tracer = tracer;
        this.hazards = hazards;
        this.swarm = swarm;
    }

    @Override
    public void accept(Intervention event) {
        if (event.kind() == InterventionKind.HAZARD_KEEP_OUT) {
            hazards.spanOfIntervention(event.detail()).ifPresent(cause -> span("hazard.intervention", cause, event));
        } else if (event.kind() == InterventionKind.SWARM_YIELD) {
            causeOfYield(event.detail()).ifPresent(cause -> span("rightofway.yield", cause, event));
        }
    }

    private Optional<SpanContext> causeOfYield(String detail) {
        Matcher m = YIELD_TO.matcher(detail);
        if (!m.find()) {
            return Optional.empty();
        }
        for (String node : m.group(1).split(", ")) {
            Optional<SpanContext> span = swarm.lastIntentSpan(node.trim());
            if (span.isPresent()) {
                return span;
            }
        }
        return Optional.empty();
    }

    private void span(String name, SpanContext cause, Intervention event) {
        Span span = tracer.spanBuilder(name).setParent(Context.root().with(Span.wrap(cause)))
                .setAttribute("lockstep.intervention.kind", event.kind().name())
                .setAttribute("lockstep.intervention.tick", event.tick())
                .setAttribute("lockstep.intervention.detail", event.detail()).startSpan();
        span.end();
    }
}
