package io.lockstep.c2.api;

import jakarta.annotation.security.RolesAllowed;
import io.lockstep.c2.fleet.AgentLogStore;
import io.lockstep.c2.mission.MissionService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/missions/{id}/nodes/{node}/logs}: the agent log lines a node forwarded for a mission. */
@Path("/api/v1/missions/{id}/nodes/{node}/logs")
@Produces(MediaType.APPLICATION_JSON)
public class MissionNodeLogsResource {

    private final MissionService missions;
    private final AgentLogStore logs;

    public MissionNodeLogsResource(MissionService missions, AgentLogStore logs) {
        this.missions = missions;
        this.logs = logs;
    }

    @RolesAllowed("viewer")
    @GET
    public AgentLogStore.Logs logs(@PathParam("id") String missionId, @PathParam("node") String nodeId) {
        missions.get(missionId);
        return logs.read(missionId, nodeId);
    }
}
