package io.lockstep.c2.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.lockstep.c2.fleet.EmergencyStopService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * "Stop all": one e-stop for the whole fleet. Each node that gets it latches and stops its peers over the mesh,
 * so nodes C2 cannot reach stop too; only a commander releases (docs/hazards.md, "Fleet stop").
 */
@Path("/api/v1/emergency-stop")
@Produces(MediaType.APPLICATION_JSON)
public class FleetStopResource {

    /** The nodes the command went to. */
    @Schema(example = "{\"engaged\": true, \"reason\": \"storm\", \"nodes\": [\"node-1\", \"node-2\"]}")
    public record FleetStopView(boolean engaged, String reason, List<String> nodes) {
    }

    private final EmergencyStopService estop;
    private final StrictJsonBody jsonBody;

    public FleetStopResource(EmergencyStopService estop, StrictJsonBody jsonBody) {
        this.estop = estop;
        this.jsonBody = jsonBody;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("operator")
    public FleetStopView engage(@Context HttpHeaders headers, @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReasonRequest.class)), required = false, description = "optional; reason at most 1024 characters") byte[] body) throws JsonProcessingException {
        ReasonRequest request = jsonBody.read(headers, body, ReasonRequest.class);
        String reason = request == null || request.reason() == null ? "fleet-wide emergency stop from C2"
                : PathIds.reason(request.reason());
        return new FleetStopView(true, reason, estop.engageFleet(reason));
    }

    @DELETE
    @RolesAllowed("commander")
    public FleetStopView release() {
        return new FleetStopView(false, "fleet-wide stop released from C2", estop.releaseFleet());
    }
}
