package io.lockstep.edge.debug;

import io.lockstep.edge.app.EdgeNode;
import io.lockstep.edge.app.NodeLifecycle;
import io.lockstep.edge.mesh.ZenohPeerMesh;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The node's e-stop latch as the fleet stop sees it: when it latched, and what came over the mesh. */
@Path("/debug/v1/fleet-stop")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "debug", description = "Local inspection and control of this edge node")
public class FleetStopResource {

    static final long MAX_WAIT_MS = 30_000;

    @Inject
    NodeLifecycle lifecycle;

    @GET
    @Operation(summary = "E-stop latch, when it latched (Unix µs), mesh e-stops received, relayed and releases refused; "
            + "with waitMs (at most 30000), answers once the node latched at or after latchedSinceMicros and "
            + " has received at least `received` mesh e-stops, or when waitMs ran out")
    public Map<String, Object> status(@QueryParam("waitMs") @DefaultValue("0") long waitMs,
            @QueryParam("latchedSinceMicros") @DefaultValue("-1") long latchedSinceMicros,
            @QueryParam("received") @DefaultValue("0") long received) throws InterruptedException {
        if (waitMs < 0 || waitMs > MAX_WAIT_MS) {
            throw new BadRequestException("waitMs must be within 0.." + MAX_WAIT_MS);
        }
        EdgeNode node = lifecycle.node();
        Optional<ZenohPeerMesh> mesh = node.mesh();
        if (waitMs > 0 && mesh.isPresent()) {
            mesh.get().awaitFleetStop(latchedSinceMicros, received, waitMs);
        }
        boolean latched = node.supervisor().isEmergencyStopLatched();
        return mesh.map(m -> m.fleetStop(latched)).orElseGet(() -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("latched", latched);
            out.put("mesh", "disabled");
            return out;
        });
    }
}
