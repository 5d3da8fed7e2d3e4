package io.lockstep.c2.api;

import io.lockstep.c2.journal.JournalKey;
import io.lockstep.c2.journal.JournalRecord;
import io.lockstep.c2.journal.JournalState;
import io.lockstep.c2.journal.JournalStore;
import io.lockstep.c2.journal.JournalTimeline;
import io.lockstep.c2.journal.JournalUploads;
import io.lockstep.c2.journal.TimelineReadPermits;
import io.lockstep.c2.journal.UnreplayableJournalException;
import io.lockstep.c2.mission.MissionRecord;
import io.lockstep.c2.mission.MissionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/v1/missions/{id}/nodes/{node}/journal/timeline}: a node's uploaded journal as JSON, tick by
 * tick (position, agent states, interventions), paged and downsampled, for the dashboard's replay view
 * (docs/dashboard.md, "Replay"). Reading a journal costs C2 I/O and memory, so only a configured number are read
 * at once ({@link TimelineReadPermits}).
 */
@Path("/api/v1/missions/{id}/nodes/{node}/journal/timeline")
@Produces(MediaType.APPLICATION_JSON)
public class JournalTimelineResource {

    private static final Set<String> PARAMS = Set.of("fromTick", "limit", "every");

    private final MissionService missions;
    private final JournalUploads uploads;
    private final JournalStore store;
    private final TimelineReadPermits readers;

    public JournalTimelineResource(MissionService missions, JournalUploads uploads, JournalStore store,
            TimelineReadPermits readers) {
        this.missions = missions;
        this.uploads = uploads;
        this.store = store;
        this.readers = readers;
    }

    @GET
    @RolesAllowed("viewer")
    public JournalTimeline.Page timeline(@PathParam("id") String missionId, @PathParam("node") String nodeId,
            @Context UriInfo uri) {
        PathIds.check("mission id", missionId);
        PathIds.check("node id", nodeId);
        // Parsed here rather than bound to int parameters: JAX-RS answers an unparsable one with 404, not 400.
        QueryParams params = new QueryParams(uri.getQueryParameters(), PARAMS, Set.of());
        long fromTick = params.integer("fromTick", 0, Integer.MAX_VALUE, 0);
        int limit = params.integer("limit", 1, JournalTimeline.MAX_LIMIT, 500);
        int every = params.integer("every", 1, 1_000_000, 1);
        params.check();
        MissionRecord mission = missions.get(missionId);
        if (!JournalUploads.partOf(mission, nodeId)) {
            throw new ProblemException(Problem.of(Status.NOT_FOUND, "unknown-node", "Unknown node",
                    "node " + nodeId + " was not part of mission " + missionId));
        }
        JournalRecord journal = uploads.find(new JournalKey(missionId, nodeId)).filter(
                j -> j.state() == JournalState.COMPLETE).orElseThrow(() -> new ProblemException(Problem.of(
                        Status.NOT_FOUND, "journal-not-uploaded", "No journal uploaded", "node " + nodeId
                                + " has no complete journal of mission " + missionId
                                + " (POST .../journal/requests asks it to upload it)")));
        if (!readers.tryAcquire()) {
            throw new ProblemException(Problem.of(Status.SERVICE_UNAVAILABLE, "busy", "Busy", "C2 reads at most "
                    + readers.limit() + " journals at once (lockstep.c2.journals.max-concurrent-timeline-reads);"
                    + " try again shortly"), Map.of("Retry-After", "1"));
        }
        try {
            return store.withLocalFile(journal.key(),
                    file -> JournalTimeline.read(file, missionId, nodeId, fromTick, limit, every));
        } catch (UnreplayableJournalException e) {
            throw new ProblemException(Problem.of(Status.BAD_REQUEST, "unreadable-journal",
                    "The journal cannot be read", e.getMessage()));
        } finally {
            readers.release();
        }
    }
}
