package io.lockstep.c2.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.c2.plan.PlanDeparture;
import java.util.Locale;

/**
 * The alert for a node that left its approved plan (docs/dashboard.md, "Plan against reality"): kind
 * {@code plan-departure}, severity {@code plan}, {@code tick} the tick where the departure began.
 */
final class PlanDepartureEvent {

    static final String KIND = "plan-departure";

    private PlanDepartureEvent() {
    }

    static ObjectNode of(ObjectMapper mapper, String missionId, PlanDeparture.Departure d, long atMs) {
        ObjectNode event = mapper.createObjectNode();
        event.put("kind", KIND);
        event.put("nodeId", d.nodeId());
        event.put("missionId", missionId);
        event.put("tick", d.beganTick());
        event.put("atMs", atMs);
        event.put("alert", true);
        event.put("severity", "plan");
        event.put("plannedAs", d.plannedAs());
        event.put("sinceTick", d.beganTick());
        event.put("seenAtTick", d.tick());
        event.put("offM", Math.round(d.offM() * 10) / 10.0);
        event.put("thresholdM", d.thresholdM());
        event.put("predictedXM", Math.round(d.predictedXM() * 100) / 100.0);
        event.put("predictedYM", Math.round(d.predictedYM() * 100) / 100.0);
        event.put("actualXM", Math.round(d.actualXM() * 100) / 100.0);
        event.put("actualYM", Math.round(d.actualYM() * 100) / 100.0);
        event.put("detail", String.format(Locale.ROOT,
                "%.0f m from its approved plan (threshold %.0f m) since tick %d", d.offM(), d.thresholdM(), d.beganTick()));
        return event;
    }
}
