package io.lockstep.c2.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.lockstep.c2.mission.HistoryEntry;
import io.lockstep.c2.mission.MissionHistory;
import io.lockstep.c2.mission.MissionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /api/v1/missions/{id}/history?after=&limit=}: every transition of the mission, oldest first
 * ({@code limit} 1..1000, default 100; {@code after} = the {@code next} of the previous page).
 */
@Path("/api/v1/missions/{id}/history")
@Produces(MediaType.APPLICATION_JSON)
public class MissionHistoryResource {

    private static final Set<String> PARAMS = Set.of("after", "limit");

    private final MissionService missions;
    private final MissionHistory history;

    public MissionHistoryResource(MissionService missions, MissionHistory history) {
        this.missions = missions;
        this.history = history;
    }

    /** One page of a mission's history; {@code next} is null on the last page. */
    @Schema(example = "{\"missionId\": \"5df9ebf8-ac56-4a9a-a594-dfb23734d1e3\", \"entries\": [{\"id\": \"1796213545512-0\", \"at\": \"2026-12-02T12:12:25.484040471Z\", \"nodeId\": \"node-1\", \"event\": \"SENT\", \"state\": \"ASSIGNED\", \"lifecycle\": \"SENT\", \"statusVersion\": 0, \"tick\": 0, \"detail\": \"\", \"source\": \"c2\"}, {\"id\": \"1796213546817-0\", \"at\": \"2026-12-02T12:12:26.813624170Z\", \"nodeId\": \"node-1\", \"event\": \"STATE\", \"state\": \"RECEIVED\", \"lifecycle\": \"RECEIVED\", \"statusVersion\": 1, \"tick\": 0, \"detail\": \"assignment received\", \"source\": \"node\"}, {\"id\": \"1796213546855-0\", \"at\": \"2026-12-02T12:12:26.853356822Z\", \"nodeId\": \"node-1\", \"event\": \"STATE\", \"state\": \"ACCEPTED\", \"lifecycle\": \"WILCO\", \"statusVersion\": 2, \"tick\": 0, \"detail\": \"fetching modules\", \"source\": \"node\"}], \"next\": \"1796213546855-0\"}")
    public record HistoryPage(String missionId, List<HistoryEntry> entries, String next) {
    }

    @GET
    @RolesAllowed("viewer")
    public HistoryPage history(@PathParam("id") String id, @Context UriInfo uri) {
        PathIds.check("mission id", id);
        QueryParams params = new QueryParams(uri.getQueryParameters(), PARAMS, Set.of());
        int limit = params.integer("limit", 1, MissionSearch.MAX_LIMIT, 100);
        String after = params.single("after");
        if (after != null && !MissionHistory.validCursor(after)) {
            params.error("after", "must be the 'next' of a previous page (a history entry id such as 1767225600000-0),"
                    + " was " + LogText.quote(after));
        }
        params.check();
        missions.get(id);
        List<HistoryEntry> entries = history.read(id, after, limit);
        String next = entries.size() == limit ? entries.get(entries.size() - 1).id() : null;
        return new HistoryPage(id, entries, next);
    }
}
