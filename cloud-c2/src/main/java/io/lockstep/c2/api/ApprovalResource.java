package io.lockstep.c2.api;

import io.lockstep.c2.approval.ApprovalService;
import io.lockstep.c2.approval.ApprovalStatus;
import io.lockstep.c2.approval.DispatchGate;
import io.lockstep.c2.mission.FieldError;
import io.lockstep.c2.mission.MissionService;
import io.lockstep.c2.mission.ValidationException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Commanders approve a succeeded simulation of a mission's exact bytes (docs/mission-approval.md). */
@Path("/api/v1/missions/{id}/approvals")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalResource {

    private final ApprovalService approvals;
    private final DispatchGate gate;
    private final MissionService missions;
    private final SecurityIdentity identity;

    public ApprovalResource(ApprovalService approvals, DispatchGate gate, MissionService missions,
            SecurityIdentity identity) {
        this.approvals = approvals;
        this.gate = gate;
        this.missions = missions;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("commander")
    public ApprovalStatus approve(@PathParam("id") String id, ApprovalRequest request) {
        PathIds.check("mission id", id);
        if (request == null || request.simulationId() == null || request.simulationId().isBlank()) {
            throw new ValidationException(List.of(new FieldError("simulationId", "is required: the succeeded"
                    + " simulation you approve")));
        }
        PathIds.check("simulation id", request.simulationId());
        if (request.missionDigest() != null && !io.lockstep.c2.module.Sha256.isDigest(request.missionDigest())) {
            throw new ValidationException(List.of(new FieldError("missionDigest",
                    "must be 64 lower-case hex characters (the simulation's missionDigest)")));
        }
        return approvals.approve(id, request.simulationId(), request.missionDigest(),
                identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName());
    }

    /** Where the mission stands: its digest, the approvals counted, what is still missing for dispatch. */
    @GET
    @RolesAllowed("viewer")
    public ApprovalStatus status(@PathParam("id") String id) {
        return gate.status(missions.get(PathIds.check("mission id", id)));
    }
}
