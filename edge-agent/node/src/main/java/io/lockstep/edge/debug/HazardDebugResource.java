package io.lockstep.edge.debug;

import io.lockstep.edge.app.NodeLifecycle;
import io.lockstep.edge.hazard.HazardService;
import io.lockstep.edge.mesh.MeshClock;
import io.lockstep.edge.mesh.ZenohPeerMesh;
import io.lockstep.swarm.hazard.Hazard;
import io.lockstep.swarm.hazard.HazardKind;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Hazards on the debug port: an operator marks one for the whole fleet; anyone reads the live ones. */
@Path("/debug/v1/hazards")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "debug", description = "Local inspection and control of this edge node")
public class HazardDebugResource {

    /** The longest a request may wait for a hazard to be applied. */
    static final long MAX_WAIT_MS = 30_000;

    @Inject
    NodeLifecycle lifecycle;

    @Inject
    DebugWriteGuard guard;

    /** A hazard in the mission's local frame: position and radius in metres, time to live in seconds. */
    public record MarkRequest(Double xM, Double yM, Double radiusM, Double ttlS) {
    }

    /** One live hazard as this node applies it. */
    public record HazardView(String sender, int hazardId, long sequence, String kind, String missionId, double xM,
            double yM, double radiusM, long expiresAtMs, long receivedAtMicros, long appliedAtMicros,
            long intakeCpuMicros, String traceId) {
        static HazardView of(HazardService.Applied a) {
            Hazard h = a.hazard();
            return new HazardView(h.sender(), h.hazardId(), h.sequence(), h.kind().keyChunk(), h.missionId(), h.xM(),
                    h.yM(), h.radiusM(), h.expiresAtMs(), a.receivedAtMicros(), a.appliedAtMicros(),
                    a.intakeCpuMicros(), a.traceId());
        }
    }

    @GET
    @Operation(summary = "Live hazards (peers' and this operator's) with when they were applied, and the counters")
    public Map<String, Object> list() {
        HazardService hazards = hazards();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("live", hazards.live().stream().map(HazardView::of).toList());
        out.put("counters", hazards.counters());
        return out;
    }

    @GET
    @Path("/{sender}/{hazardId}")
    @Operation(summary = "One hazard once this node has applied it, waiting up to waitMs (at most 30000) for that; "
            + "404 when it has not been applied by then")
    public HazardView awaitApplied(@PathParam("sender") String sender, @PathParam("hazardId") int hazardId,
            @QueryParam("waitMs") @DefaultValue("0") long waitMs) throws InterruptedException {
        if (waitMs < 0 || waitMs > MAX_WAIT_MS) {
            throw new BadRequestException("waitMs must be within 0.." + MAX_WAIT_MS);
        }
        return hazards().awaitApplied(sender, hazardId, waitMs).map(HazardView::of).orElseThrow(() ->
                new WebApplicationException(Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN)
                        .entity("hazard " + sender + "/" + hazardId + " was not applied within " + waitMs + " ms")
                        .build()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark a hazard for the whole fleet (kind operator). Needs write-enabled and the token")
    public Map<String, Object> mark(@HeaderParam(DebugWriteGuard.TOKEN_HEADER) String token, MarkRequest req) {
        guard.check(token);
        if (req == null || req.xM() == null || req.yM() == null || req.radiusM() == null) {
            throw new BadRequestException("body {\"xM\": m, \"yM\": m, \"radiusM\": m, \"ttlS\": s} is required");
        }
        double ttlS = req.ttlS() == null ? 60.0 : req.ttlS();
        if (!(req.radiusM() >= 0.001 && req.radiusM() <= Hazard.MAX_RADIUS_MM / 1000.0)) {
            throw new BadRequestException("radiusM must be within 0.001..1000");
        }
        if (!(ttlS >= 0.001 && ttlS <= Hazard.MAX_TTL_MS / 1000.0)) {
            throw new BadRequestException("ttlS must be within 0.001..3600");
        }
        if (!Double.isFinite(req.xM()) || !Double.isFinite(req.yM()) || Math.abs(req.xM()) > 2_000_000
                || Math.abs(req.yM()) > 2_000_000) {
            throw new BadRequestException("xM and yM must be finite metres within 2,000 km of the origin");
        }
        HazardService hazards = hazards();
        int ttlMs = (int) Math.round(ttlS * 1000.0);
        // On a safety thread: at the priority of the mesh threads that carry the hazard (docs/hazards.md).
        Map<String, Object> out = lifecycle.node().safetyThreads().call(() -> {
            long cpuBefore = MeshClock.SYSTEM.threadCpuNanos();
            long before = MeshClock.SYSTEM.micros();
            Hazard h = hazards.publish(HazardKind.OPERATOR, req.xM(), req.yM(), req.radiusM(), ttlMs);
            // An operator's hazard is an express put: when publish returns, this thread has written it to every peer.
            long sent = MeshClock.SYSTEM.micros();
            long cpu = (MeshClock.SYSTEM.threadCpuNanos() - cpuBefore) / 1_000;
            Map<String, Object> published = new LinkedHashMap<>();
            published.put("hazardId", h.hazardId());
            published.put("sequence", h.sequence());
            published.put("missionId", h.missionId());
            published.put("publishedAtMicros", before);
            published.put("sentAtMicros", sent);
            published.put("publishCpuMicros", cpu);
            return published;
        });
        return out;
    }

    private HazardService hazards() {
        return mesh().hazards();
    }

    private ZenohPeerMesh mesh() {
        return lifecycle.node().mesh().orElseThrow(() -> new WebApplicationException(
                Response.status(Response.Status.CONFLICT).type(MediaType.TEXT_PLAIN)
                        .entity("the mesh is disabled on this node (lockstep.mesh.enabled=false)").build()));
    }
}
