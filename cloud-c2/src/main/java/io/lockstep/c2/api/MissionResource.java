package io.lockstep.c2.api;

import com.fasterxml.jackson.core.JsonProcessingException;
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
    private final OptionalJsonBody optionalBody;
    private final SwarmCoverageStore coverage;

    public MissionResource(MissionService missions, MissionStore store, CommandTracing tracing,
            OptionalJsonBody optionalBody, SwarmCoverageStore coverage) {
        this.coverage = coverage;
        this.missions = missions;
        this.store = store;
        this.tracing = tracing;
        this.optionalBody = optionalBody;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(MissionSpec spec) {
        if (spec == null) {
            throw new ValidationException(List.of(new FieldError("body", "a mission JSON object is required")));
        }
        MissionRecord mission = missions.create(spec);
        return Response.created(URI.create("/api/v1/missions/" + mission.id())).entity(view(mission)).build();
    }

    @GET
    public List<MissionView> list() {
        return store.list().stream().map(this::view).toList();
    }

    @GET
    @Path("/{id}")
    public MissionView get(@PathParam("id") String id) {
        return view(missions.get(id));
    }

    /** Splits the mission's area among the nodes and pushes each its assignment over the link. */
    @POST
    @Path("/{id}/dispatch")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response dispatch(@PathParam("id") String id, DispatchRequest request) {
        List<String> nodes = request == null ? null : request.nodes();
        MissionRecord mission = tracing.inSpan("mission.dispatch", id, trace -> missions.dispatch(id, nodes, trace));
        return Response.accepted(view(mission)).build();
    }

    @POST
    @Path("/{id}/abort")
    @Consumes(MediaType.WILDCARD)
    public Response abort(@PathParam("id") String id, String body) throws JsonProcessingException {
        ReasonRequest request = optionalBody.read(body, ReasonRequest.class);
        String reason = request == null ? null : request.reason();
        MissionRecord mission = tracing.inSpan("mission.abort", id, trace -> missions.abort(id, reason, trace));
        return Response.accepted(view(mission)).build();
    }

    private MissionView view(MissionRecord mission) {
        return MissionView.of(mission, store.nodeStatuses(mission.id()), coverage.all(mission.id()));
    }
}
