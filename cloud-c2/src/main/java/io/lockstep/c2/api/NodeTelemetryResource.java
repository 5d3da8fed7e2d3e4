package io.lockstep.c2.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.lockstep.c2.fleet.NodeRegistry;
import io.lockstep.c2.fleet.TelemetryHistory;
import io.lockstep.c2.fleet.UnknownNodeException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /api/v1/nodes/{id}/telemetry?since=&after=&limit=}: the node's kept telemetry samples, oldest
 * first: received at or after {@code since} (ISO-8601), or after the entry {@code after} (the previous
 * page's {@code next}); {@code limit} 1..1000, default 100. The history holds at most {@code capacity}
 * samples.
 */
@Path("/api/v1/nodes/{id}/telemetry")
@Produces(MediaType.APPLICATION_JSON)
public class NodeTelemetryResource {

    private static final Set<String> PARAMS = Set.of("since", "after", "limit");

    private final NodeRegistry registry;
    private final TelemetryHistory history;

    public NodeTelemetryResource(NodeRegistry registry, TelemetryHistory history) {
        this.registry = registry;
        this.history = history;
    }

    @Schema(example = "{\"nodeId\": \"node-1\", \"capacity\": 3600, \"samples\": [{\"id\": \"1796213551099-0\", \"sample\": {\"missionId\": \"5df9ebf8-ac56-4a9a-a594-dfb23734d1e3\", \"tick\": 1, \"xM\": -10.2905130660555, \"yM\": -9.76452593653158, \"vxMps\": 0.0, \"vyMps\": 0.0, \"batteryFraction\": 1.0, \"receivedAt\": \"2026-12-02T12:12:31.023Z\"}}, {\"id\": \"1796213551359-0\", \"sample\": {\"missionId\": \"5df9ebf8-ac56-4a9a-a594-dfb23734d1e3\", \"tick\": 2, \"xM\": -9.96318885814543, \"yM\": -10.024928407053986, \"vxMps\": 0.27718692894043767, \"vyMps\": 0.532134763405445, \"batteryFraction\": 0.99995, \"receivedAt\": \"2026-12-02T12:12:31.350Z\"}}], \"next\": \"1796213551359-0\"}")
    public record TelemetryPage(String nodeId, int capacity, List<TelemetryHistory.Entry> samples, String next) {
    }

    @GET
    @RolesAllowed("viewer")
    public TelemetryPage telemetry(@PathParam("id") String id, @Context UriInfo uri) {
        PathIds.check("node id", id);
        QueryParams params = new QueryParams(uri.getQueryParameters(), PARAMS, Set.of());
        Instant since = params.instant("since");
        int limit = params.integer("limit", 1, MissionSearch.MAX_LIMIT, 100);
        String after = params.single("after");
        if (after != null && !io.lockstep.c2.mission.MissionHistory.validCursor(after)) {
            params.error("after", "must be the 'next' of a previous page (a sample id such as 1767225600000-0), was "
                    + LogText.quote(after));
        }
        if (after != null && since != null) {
            params.error("after", "give since or after, not both");
        }
        params.check();
        if (!registry.exists(id)) {
            throw new UnknownNodeException(id);
        }
        List<TelemetryHistory.Entry> samples = history.read(id, since, after, limit);
        String next = samples.size() == limit ? samples.get(samples.size() - 1).id() : null;
        return new TelemetryPage(id, history.cap(), samples, next);
    }
}
