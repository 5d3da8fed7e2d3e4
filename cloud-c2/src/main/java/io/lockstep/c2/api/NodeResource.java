package io.lockstep.c2.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.lockstep.c2.fleet.EmergencyStopService;
import io.lockstep.c2.fleet.LinkPresence;
import io.lockstep.c2.fleet.NodeRegistry;
import io.lockstep.c2.fleet.UnknownNodeException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Nodes: the fleet as C2 sees it, and the emergency-stop latch of each node. */
@Path("/api/v1/nodes")
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {

    private final NodeRegistry registry;
    private final LinkPresence presence;
    private final EmergencyStopService estop;
    private final StrictJsonBody jsonBody;

    public NodeResource(NodeRegistry registry, LinkPresence presence, EmergencyStopService estop,
            StrictJsonBody jsonBody) {
        this.registry = registry;
        this.presence = presence;
        this.estop = estop;
        this.jsonBody = jsonBody;
    }

    @RolesAllowed("viewer")
    @GET
    public List<NodeView> list() {
        return registry.list().stream().map(node -> NodeView.of(node, presence.isConnected(node.nodeId()))).toList();
    }

    @RolesAllowed("viewer")
    @GET
    @Path("/{id}")
    public NodeView get(@PathParam("id") String id) {
        PathIds.check("node id", id);
        return registry.find(id).map(node -> NodeView.of(node, presence.isConnected(id)))
                .orElseThrow(() -> new UnknownNodeException(id));
    }

    /** Latches the node's emergency stop; it stays engaged until DELETE clears it. */
    @RolesAllowed("operator")
    @POST
    @Path("/{id}/estop")
    @Consumes(MediaType.WILDCARD)
    public NodeView engage(@PathParam("id") String id, @Context HttpHeaders headers, @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReasonRequest.class)), required = false, description = "optional; reason at most 1024 characters") byte[] body)
            throws JsonProcessingException {
        PathIds.check("node id", id);
        ReasonRequest request = jsonBody.read(headers, body, ReasonRequest.class);
        estop.set(id, true, request == null || request.reason() == null ? "emergency stop from C2"
                : PathIds.reason(request.reason()));
        return get(id);
    }

    @RolesAllowed("commander")
    @DELETE
    @Path("/{id}/estop")
    public NodeView clear(@PathParam("id") String id) {
        PathIds.check("node id", id);
        estop.set(id, false, "cleared from C2");
        return get(id);
    }
}
