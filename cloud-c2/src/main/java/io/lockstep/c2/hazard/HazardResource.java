package io.lockstep.c2.hazard;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
    @Schema(example = "{\"hazards\": [{\"id\": \"node-2/7\", \"sender\": \"node-2\", \"hazardId\": 7, \"missionId\": \"5df9ebf8-ac56-4a9a-a594-dfb23734d1e3\", \"kind\": \"OBSTACLE\", \"xM\": 42.5, \"yM\": -13.0, \"radiusM\": 4.0, \"issuedAtMs\": 1796213560000, \"expiresAtMs\": 1796213860000, \"reportedBy\": [\"node-1\", \"node-2\"], \"firstSeenMs\": 1796213560412, \"lastReportMs\": 1796213574301}], \"counters\": {\"accepted\": 1, \"dropped_expired\": 0, \"dropped_malformed\": 0, \"dropped_over_bound\": 0, \"evicted\": 0, \"omitted_by_nodes\": 0, \"reports\": 39}, \"maxPerReport\": 64, \"maxHazards\": 2048}")
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
