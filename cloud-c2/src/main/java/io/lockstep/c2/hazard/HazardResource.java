package io.lockstep.c2.hazard;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/hazards}: the fleet's live hazards as the nodes report them (docs/dashboard.md, "Hazards"). */
@Path("/api/v1/hazards")
@Produces(MediaType.APPLICATION_JSON)
public class HazardResource {

    /** The live hazards, what C2 left out of the nodes' reports (counters), and the bounds. */
    public record HazardsView(List<FleetHazard> hazards, Map<String, Long> counters, int maxPerReport,
            int maxHazards) {
    }

    private final HazardStore store;
    private final Clock clock;

    public HazardResource(HazardStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @GET
    @RolesAllowed("viewer")
    public HazardsView list() {
        return new HazardsView(store.live(clock.millis()), new java.util.TreeMap<>(store.counters()),
                HazardStore.MAX_PER_REPORT, HazardStore.MAX_HAZARDS);
    }
}
