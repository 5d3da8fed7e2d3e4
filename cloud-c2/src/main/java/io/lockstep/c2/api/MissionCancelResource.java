package io.lockstep.c2.api;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.lockstep.c2.fleet.NodeContacts;
import io.lockstep.c2.mission.MissionCancellation;
import io.lockstep.c2.mission.MissionRecord;
import io.lockstep.c2.mission.MissionStore;
import io.lockstep.c2.mission.cells.SwarmCoverageStore;
import io.lockstep.c2.trace.CommandTracing;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/v1/missions/{id}/cancel} ({@code {"reason": "…"}}, optional): asks every node still on
 * the mission to cancel it; each node accepts (its share ends ABORTED) or refuses with a reason, shown in
 * the share's {@code cancel} and the history. 202 with the mission view; 404 unknown, 409 finished or never
 * dispatched.
 */
@Path("/api/v1/missions/{id}/cancel")
@Produces(MediaType.APPLICATION_JSON)
public class MissionCancelResource {

    private final MissionCancellation cancellation;
    private final MissionStore store;
    private final CommandTracing tracing;
    private final StrictJsonBody jsonBody;
    private final NodeContacts contacts;
    private final SwarmCoverageStore coverage;

    public MissionCancelResource(MissionCancellation cancellation, MissionStore store, CommandTracing tracing,
            StrictJsonBody jsonBody, NodeContacts contacts, SwarmCoverageStore coverage) {
        this.cancellation = cancellation;
        this.store = store;
        this.tracing = tracing;
        this.jsonBody = jsonBody;
        this.contacts = contacts;
        this.coverage = coverage;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("commander")
    @APIResponse(responseCode = "202", description = "The mission, its cancellation on its way to the nodes", content = @Content(mediaType = "application/json", schema = @Schema(implementation = MissionView.class)))
    public Response cancel(@PathParam("id") String id, @Context HttpHeaders headers, @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReasonRequest.class)), required = false, description = "optional; reason at most 1024 characters") byte[] body)
            throws JsonProcessingException {
        PathIds.check("mission id", id);
        ReasonRequest request = jsonBody.read(headers, body, ReasonRequest.class);
        String reason = request == null ? null : PathIds.reason(request.reason());
        MissionRecord mission = tracing.inSpan("mission.cancel", id, trace -> cancellation.cancel(id, reason, trace));
        return Response.accepted(MissionView.of(mission, store.nodeStatuses(mission.id()), contacts.of(mission.shares().stream().map(io.lockstep.c2.mission.NodeShare::nodeId).toList()),
                coverage.all(mission.id()))).build();
    }
}
