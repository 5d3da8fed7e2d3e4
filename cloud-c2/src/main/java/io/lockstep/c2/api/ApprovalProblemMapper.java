package io.lockstep.c2.api;

import io.lockstep.c2.approval.ApprovalProblem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Simulation, approval and dispatch-gate refusals as problem+json (docs/mission-approval.md). */
public class ApprovalProblemMapper {

    @ServerExceptionMapper
    public Response approvalProblem(ApprovalProblem e, UriInfo uri) {
        Response response = Problem.of(Response.Status.fromStatusCode(e.status()), e.type(), e.title(), e.getMessage())
                .at(uri.getPath()).toResponse();
        if (e.status() == 503) {
            return Response.fromResponse(response).header("Retry-After", "1").build();
        }
        return response;
    }
}
