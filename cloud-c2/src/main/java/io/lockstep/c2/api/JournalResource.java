package io.lockstep.c2.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.lockstep.c2.journal.JournalKey;
import io.lockstep.c2.journal.JournalRecord;
import io.lockstep.c2.journal.JournalReplayVerdict;
import io.lockstep.c2.journal.JournalReplays;
import io.lockstep.c2.journal.JournalRequestSender;
import io.lockstep.c2.journal.JournalState;
import io.lockstep.c2.journal.JournalStore;
import io.lockstep.c2.journal.JournalUploads;
import io.lockstep.c2.journal.UnreplayableJournalException;
import io.lockstep.c2.mission.MissionRecord;
import io.lockstep.c2.mission.MissionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;

/**
 * A node's journal of a mission on C2 (docs/journal-upload.md): metadata, download, asking the node to upload
 * it, and replaying it on C2. Reading needs {@code viewer}; asking for an upload or a replay needs
 * {@code operator} (neither changes what the fleet does; a replay costs C2 CPU, one at a time).
 */
@Path("/api/v1/missions/{id}/nodes/{node}/journal")
public class JournalResource {

    /** 422, which {@link Status} does not name. */
    private static final Response.StatusType UNPROCESSABLE = new Response.StatusType() {
        @Override
        public int getStatusCode() {
            return 422;
        }

        @Override
        public Response.Status.Family getFamily() {
            return Response.Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
            return "Unprocessable Content";
        }
    };

    private final MissionService missions;
    private final JournalUploads uploads;
    private final JournalStore store;
    private final JournalReplays replays;
    private final JournalRequestSender sender;

    public JournalResource(MissionService missions, JournalUploads uploads, JournalStore store,
            JournalReplays replays, JournalRequestSender sender) {
        this.missions = missions;
        this.uploads = uploads;
        this.store = store;
        this.replays = replays;
        this.sender = sender;
    }

    @GET
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @RolesAllowed("viewer")
    @APIResponse(responseCode = "200", description = "The journal file (ETag: its sha256)", content = @Content(mediaType = "application/octet-stream", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")))
    public Response download(@PathParam("id") String missionId, @PathParam("node") String nodeId) {
        JournalRecord journal = complete(missionId, nodeId);
        StreamingOutput body = out -> {
            try (InputStream in = store.open(journal.key())) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Length", journal.sizeBytes())
                .header("ETag", "\"" + journal.sha256() + "\"")
                .header("Content-Disposition", "attachment; filename=\"" + missionId + "-" + nodeId + ".journal\"")
                .build();
    }

    @GET
    @Path("metadata")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("viewer")
    public JournalView metadata(@PathParam("id") String missionId, @PathParam("node") String nodeId) {
        JournalRecord journal = uploads.find(key(missionId, nodeId)).orElseThrow(() -> notUploaded(missionId, nodeId));
        return JournalView.of(journal, uploads.received(journal));
    }

    @POST
    @Path("requests")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("operator")
    @APIResponse(responseCode = "202", description = "The journal upload, requested of the node", content = @Content(mediaType = "application/json", schema = @Schema(implementation = JournalView.class)))
    public Response request(@PathParam("id") String missionId, @PathParam("node") String nodeId) {
        JournalRecord journal = uploads.request(key(missionId, nodeId));
        if (journal.state() != JournalState.COMPLETE) {
            // When the node is not connected, it is asked at its next Hello.
            sender.ask(nodeId, missionId);
        }
        return Response.status(Status.ACCEPTED).entity(JournalView.of(journal, uploads.received(journal))).build();
    }

    @POST
    @Path("replay")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("operator")
    public JournalReplayVerdict replay(@PathParam("id") String missionId, @PathParam("node") String nodeId) {
        MissionRecord mission = mission(missionId, nodeId);
        JournalRecord journal = complete(missionId, nodeId);
        try {
            return replays.replay(journal, mission).orElseThrow(() -> new ProblemException(Problem.of(Status.CONFLICT,
                    "replay-in-progress", "Another replay is running",
                    "C2 replays one journal at a time; try again when the running replay has finished")));
        } catch (UnreplayableJournalException e) {
            throw new ProblemException(Problem.of(UNPROCESSABLE, "unreplayable-journal",
                    "The journal cannot be replayed as this mission's", e.getMessage()));
        }
    }

    /** The ids are valid, the mission exists and the node had a share of it. */
    private JournalKey key(String missionId, String nodeId) {
        mission(missionId, nodeId);
        return new JournalKey(missionId, nodeId);
    }

    private MissionRecord mission(String missionId, String nodeId) {
        PathIds.check("mission id", missionId);
        PathIds.check("node id", nodeId);
        MissionRecord mission = missions.get(missionId);
        if (!JournalUploads.partOf(mission, nodeId)) {
            throw new ProblemException(Problem.of(Status.NOT_FOUND, "unknown-node", "Unknown node",
                    "node " + nodeId + " was not part of mission " + missionId));
        }
        return mission;
    }

    private JournalRecord complete(String missionId, String nodeId) {
        JournalRecord journal = uploads.find(key(missionId, nodeId)).orElseThrow(() -> notUploaded(missionId, nodeId));
        if (journal.state() != JournalState.COMPLETE) {
            throw new ProblemException(Problem.of(Status.CONFLICT, "journal-incomplete", "The journal is not complete",
                    "the journal of node " + nodeId + " for mission " + missionId + " is " + journal.state() + " ("
                            + uploads.received(journal) + " of " + journal.sizeBytes() + " bytes received"
                            + (journal.error().isEmpty() ? "" : "; last error: " + journal.error()) + ")"));
        }
        return journal;
    }

    private static ProblemException notUploaded(String missionId, String nodeId) {
        return new ProblemException(Problem.of(Status.NOT_FOUND, "journal-not-uploaded", "No journal uploaded",
                "node " + nodeId + " has not uploaded its journal of mission " + missionId
                        + " (POST .../journal/requests asks it to)"));
    }
}
