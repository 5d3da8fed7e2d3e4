package io.lockstep.edge.debug;

import io.lockstep.edge.app.EdgeNode;
import io.lockstep.edge.app.NodeLifecycle;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The node's e-stop latch as the fleet stop sees it: when it latched, and what came over the mesh. */
@Path("/debug/v1/fleet-stop")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "debug", description = "Local inspection and control of this edge node")
public class FleetStopResource {

    @Inject
    NodeLifecycle lifecycle;

    @GET
    @Operation(summary = "E-stop latch, when it latched (Unix µs), mesh e-stops received, relayed and releases refused")
    public Map<String, Object> status() {
        EdgeNode node = lifecycle.node();
        boolean latched = node.supervisor().isEmergencyStopLatched();
        return node.mesh().map(m -> m.fleetStop(latched)).orElseGet(() -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("latched", latched);
            out.put("mesh", "disabled");
            return out;
        });
    }
}
