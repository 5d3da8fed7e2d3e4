package io.lockstep.c2.api;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.lockstep.c2.approval.SimulationRecord;
import io.lockstep.c2.approval.SimulationService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** Simulation first: run a mission in the fleet simulator before it may be dispatched (docs/mission-approval.md). */
@Path("/api/v1/missions/{id}/simulations")
@Produces(MediaType.APPLICATION_JSON)
public class SimulationResource {

    private final SimulationService simulations;
    private final StrictJsonBody jsonBody;
    private final SecurityIdentity identity;

    public SimulationResource(SimulationService simulations, StrictJsonBody jsonBody, SecurityIdentity identity) {
        this.simulations = simulations;
        this.jsonBody = jsonBody;
        this.identity = identity;
    }

    /** 202 with the queued simulation; poll its Location for progress and the result. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("commander")
    @APIResponse(responseCode = "202", description = "The queued simulation (Location: its URL to poll)", content = @Content(mediaType = "application/json", schema = @Schema(implementation = SimulationRecord.class)))
    public Response start(@PathParam("id") String id, @Context HttpHeaders headers, @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(implementation = SimulationRequest.class)), required = false, description = "optional; nodes defaults to lockstep.c2.approval.default-nodes") byte[] body)
            throws JsonProcessingException {
        PathIds.check("mission id", id);
        SimulationRequest request = jsonBody.read(headers, body, SimulationRequest.class);
        SimulationRecord record = simulations.start(id, request == null ? null : request.nodes(), user());
        return Response.accepted(record)
                .location(URI.create("/api/v1/missions/" + id + "/simulations/" + record.id())).build();
    }

    @GET
    @RolesAllowed("viewer")
    public List<SimulationRecord> list(@PathParam("id") String id) {
        return simulations.list(PathIds.check("mission id", id));
    }

    @GET
    @Path("/{simulationId}")
    @RolesAllowed("viewer")
    public SimulationRecord get(@PathParam("id") String id, @PathParam("simulationId") String simulationId) {
        return simulations.get(PathIds.check("mission id", id), PathIds.check("simulation id", simulationId));
    }

    private String user() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
