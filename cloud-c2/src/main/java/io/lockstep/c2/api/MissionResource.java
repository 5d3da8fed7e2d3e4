package io.lockstep.c2.api;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.lockstep.c2.fleet.NodeContacts;
import io.lockstep.c2.mission.MissionRecord;
import io.lockstep.c2.mission.MissionService;
import io.lockstep.c2.mission.MissionSpec;
import io.lockstep.c2.mission.MissionStore;
import io.lockstep.c2.mission.cells.SwarmCoverageStore;
import io.lockstep.c2.mission.FieldError;
import io.lockstep.c2.mission.ValidationException;
import io.lockstep.c2.trace.CommandTracing;
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

/** Missions: create, list, read, dispatch to nodes, abort. */
@Path("/api/v1/missions")
@Produces(MediaType.APPLICATION_JSON)
public class MissionResource {

    private final MissionService missions;
    private final MissionStore store;
    private final CommandTracing tracing;
    private final StrictJsonBody jsonBody;
    private final NodeContacts contacts;
    private final SwarmCoverageStore coverage;

    @jakarta.inject.Inject
    MissionSearch search;

    public MissionResource(MissionService missions, MissionStore store, CommandTracing tracing,
            StrictJsonBody jsonBody, NodeContacts contacts, SwarmCoverageStore coverage) {
        this.contacts = contacts;
        this.coverage = coverage;
        this.missions = missions;
        this.store = store;
        this.tracing = tracing;
        this.jsonBody = jsonBody;
    }

    @RolesAllowed("commander")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "The mission, created (Location: its URL)", content = @Content(mediaType = "application/json", schema = @Schema(implementation = MissionView.class)))
    public Response create(MissionSpec spec) {
        if (spec == null) {
            throw new ValidationException(List.of(new FieldError("body", "a mission JSON object is required")));
        }
        MissionRecord mission = missions.create(spec);
        return Response.created(URI.create("/api/v1/missions/" + mission.id())).entity(view(mission)).build();
    }

    /** Every mission, oldest first; filtered and paged by the query (MissionSearch, docs/mission-lifecycle.md). */
    @RolesAllowed("viewer")
    @GET
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200",
            description = "Matching missions, oldest first; X-Next-Cursor when more match",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(
                            type = SchemaType.ARRAY,
                            implementation = MissionView.class)))
    public Response list(@Context jakarta.ws.rs.core.UriInfo uri) {
        MissionSearch.Page page = search.search(uri.getQueryParameters(), this::view);
        Response.ResponseBuilder answer = Response.ok(page.missions());
        page.next().ifPresent(cursor -> answer.header("X-Next-Cursor", cursor).header("Link",
                "<" + uri.getRequestUriBuilder().replaceQueryParam("cursor", cursor).build() + ">; rel=\"next\""));
        return answer.build();
    }

    @RolesAllowed("viewer")
    @GET
    @Path("/{id}")
    public MissionView get(@PathParam("id") String id) {
        return view(missions.get(PathIds.check("mission id", id)));
    }

    /** Splits the mission's area among the nodes and pushes each its assignment over the link. */
    @RolesAllowed("commander")
    @POST
    @Path("/{id}/dispatch")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "The mission, its shares on their way to the nodes", content = @Content(mediaType = "application/json", schema = @Schema(implementation = MissionView.class)))
    public Response dispatch(@PathParam("id") String id, DispatchRequest request) {
        PathIds.check("mission id", id);
        List<String> nodes = request == null ? null : request.nodes();
        if (nodes != null && nodes.contains(null)) {
            throw new ValidationException(List.of(new FieldError("nodes", "node ids must not be null")));
        }
        PathIds.checkAll("node id", nodes);
        MissionRecord mission = tracing.inSpan("mission.dispatch", id, trace -> missions.dispatch(id, nodes, trace));
        return Response.accepted(view(mission)).build();
    }

    @RolesAllowed("operator")
    @POST
    @Path("/{id}/abort")
    @Consumes(MediaType.WILDCARD)
    @APIResponse(responseCode = "202", description = "The mission, its abort on its way to the nodes", content = @Content(mediaType = "application/json", schema = @Schema(implementation = MissionView.class)))
    public Response abort(@PathParam("id") String id, @Context HttpHeaders headers, @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReasonRequest.class)), required = false, description = "optional; reason at most 1024 characters") byte[] body)
            throws JsonProcessingException {
        PathIds.check("mission id", id);
        ReasonRequest request = jsonBody.read(headers, body, ReasonRequest.class);
        String reason = request == null ? null : PathIds.reason(request.reason());
        MissionRecord mission = tracing.inSpan("mission.abort", id, trace -> missions.abort(id, reason, trace));
        return Response.accepted(view(mission)).build();
    }

    private MissionView view(MissionRecord mission) {
        return MissionView.of(mission, store.nodeStatuses(mission.id()), contacts.of(mission.shares().stream().map(io.lockstep.c2.mission.NodeShare::nodeId).toList()), coverage.all(mission.id()));
    }
}
