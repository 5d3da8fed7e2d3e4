package io.lockstep.edge.debug;

import io.lockstep.edge.app.EdgeNode;
import io.lockstep.edge.app.NodeLifecycle;
import io.lockstep.edge.mission.AgentLogRing;
import io.lockstep.edge.mission.MissionRun;
import io.lockstep.edge.mission.MissionView;
import io.lockstep.edge.swarm.SwarmView;
import io.lockstep.edge.mission.TickRecord;
import io.lockstep.platform.safety.EstopSource;
import io.lockstep.platform.safety.Intervention;
import io.lockstep.runtime.AgentSnapshot;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The node's local debug port ({@code /debug/v1}). Reads are open (the port is bound to loopback by
 * default); writes go through {@link DebugWriteGuard}.
 */
@Path("/debug/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "debug", description = "Local inspection and control of this edge node")
public class DebugResource {

    /** Cap on ticks returned by one request, whatever the range asked for. */
    static final int MAX_TICKS_PER_REQUEST = 1_000;
    static final int MAX_REASON_CHARS = 256;
    /** Cap on log lines returned by one request, and on how long one request may wait for new lines. */
    static final int MAX_LOG_LINES_PER_REQUEST = 1_000;
    static final long MAX_LOG_WAIT_MS = 30_000;
    /** Longest a follow stream stays open before it ends (the client reconnects with Last-Event-ID). */
    static final long MAX_LOG_FOLLOW_MS = 3_600_000;

    @Inject
    NodeLifecycle lifecycle;

    @Inject
    DebugWriteGuard guard;

    @Inject
    JournalReplayService replays;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    private EdgeNode node() {
        return lifecycle.node();
    }

    @GET
    @Path("/status")
    @Operation(summary = "Node id, link state, mission, tick, agents, journal, fingerprint, interventions")
    public NodeStatusView status() {
        EdgeNode node = node();
        MissionView v = node.mission().orElse(null);
        Map<String, Long> interventions = new TreeMap<>();
        node.supervisor().counts().forEach((k, n) -> interventions.put(k.name(), n));
        SwarmView swarm = v == null ? null : v.swarm().orElse(null);
        List<String> alerts = swarm == null || swarm.divergence().isEmpty() ? List.of()
                : List.of("swarm divergence: " + swarm.divergence());
        return new NodeStatusView(node.settings().nodeId(), node.link().state().name(),
                v == null ? "" : v.missionId(), v == null ? "NONE" : v.state().name(), v == null ? "" : v.detail(),
                v == null ? -1 : v.tick(), v == null ? "" : v.fingerprint(), v == null ? "" : v.journalPath(),
                v == null ? List.of() : v.agents(), interventions, v == null ? 0 : v.inferenceCalls(),
                node.supervisor().isEmergencyStopLatched(), v != null && v.paused(),
                v == null ? "CONTINUE" : v.linkLossPolicyInEffect(), swarm, alerts);
    }

    @GET
    @Path("/agents")
    @Operation(summary = "The current mission's agents: state, fuel used, fault")
    public List<AgentSnapshot> agents() {
        return node().mission().map(MissionView::agents).orElse(List.of());
    }

    @GET
    @Path("/ticks")
    @Operation(summary = "Recent ticks in [from, to]: inputs summary, velocities, fingerprints (bounded ring)")
    public List<TickRecord> ticks(@QueryParam("from") String fromParam, @QueryParam("to") String toParam,
            @QueryParam("limit") String limitParam) {
        long from = DebugQuery.integer("from", fromParam, 0, 0, Long.MAX_VALUE);
        long to = DebugQuery.integer("to", toParam, Long.MAX_VALUE, 0, Long.MAX_VALUE);
        int limit = (int) DebugQuery.integer("limit", limitParam, 200, 1, Integer.MAX_VALUE);
        if (to < from) {
            throw DebugQuery.invalid("to (" + to + ") must not be below from (" + from + ")");
        }
        return node().ticks().range(from, to, Math.min(limit, MAX_TICKS_PER_REQUEST));
    }

    @GET
    @Path("/logs")
    @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
    @Operation(summary = "Agent log lines after a cursor (long poll with waitMs; bounded ring of recent lines);"
            + " follow=true streams them as Server-Sent Events")
    public Response logs(@QueryParam("after") String afterParam, @QueryParam("limit") String limitParam,
            @QueryParam("waitMs") String waitMsParam, @QueryParam("follow") String followParam,
            @QueryParam("followMs") String followMsParam, @HeaderParam("Last-Event-ID") String lastEventId) {
        long after = DebugQuery.integer("after", afterParam, 0, 0, Long.MAX_VALUE);
        int limit = (int) DebugQuery.integer("limit", limitParam, 200, 1, Integer.MAX_VALUE);
        long waitMs = DebugQuery.integer("waitMs", waitMsParam, 0, 0, MAX_LOG_WAIT_MS);
        boolean follow = DebugQuery.flag("follow", followParam, false);
        long followMs = DebugQuery.integer("followMs", followMsParam, 600_000, 1, MAX_LOG_FOLLOW_MS);
        if (follow) {
            return follow(after, followMs, lastEventId);
        }
        int capped = Math.min(limit, MAX_LOG_LINES_PER_REQUEST);
        try {
            return Response.ok(waitMs == 0 ? node().agentLogs().after(after, capped)
                    : node().agentLogs().await(after, capped, waitMs), MediaType.APPLICATION_JSON_TYPE).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.ok(node().agentLogs().after(after, capped), MediaType.APPLICATION_JSON_TYPE).build();
        }
    }

    private Response follow(long after, long followMs, String lastEventId) {
        long from = after;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                from = Long.parseLong(lastEventId.strip());
            } catch (NumberFormatException e) {
                throw new BadRequestException("Last-Event-ID must be a log line seq, got " + LogFollowStream.quote(lastEventId));
            }
            if (from < 0) {
                throw new BadRequestException("Last-Event-ID must be >= 0");
            }
        }
        LogFollowStream stream = LogFollowStream.open(node().agentLogs(), json, from, followMs);
        if (stream == null) {
            throw new WebApplicationException(Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .header("Retry-After", "5").type(DebugProblem.MEDIA_TYPE)
                    .entity(DebugProblem.of(Response.Status.SERVICE_UNAVAILABLE, "too-many-followers", "at most "
                            + LogFollowStream.MAX_FOLLOWERS + " clients follow the log at once")).build());
        }
        return Response.ok(stream, MediaType.SERVER_SENT_EVENTS_TYPE).header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no").build();
    }

    @GET
    @Path("/telemetry")
    @Operation(summary = "Sensor snapshot: the vehicle's state now and the frame the agents saw at the last tick")
    public TelemetryView telemetry() {
        EdgeNode node = node();
        Optional<MissionRun> run = node.executor().running();
        return new TelemetryView(run.map(MissionRun::missionId).orElse(""),
                TelemetryView.VehicleView.of(node.vehicle().state()),
                run.flatMap(MissionRun::lastFrame).map(TelemetryView.FrameView::of).orElse(null),
                node.supervisor().isEmergencyStopLatched(), node.supervisor().isReturningToBase(),
                run.flatMap(MissionRun::manualOverride)
                        .map(a -> OverrideView.of(a, System.currentTimeMillis())).orElse(null));
    }

    @GET
    @Path("/journal")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Download the current (or last) mission's journal")
    public Response journal() {
        MissionView v = node().mission().orElseThrow(() -> new NotFoundException("no mission on this node"));
        java.nio.file.Path file = java.nio.file.Path.of(v.journalPath());
        if (!Files.isRegularFile(file)) {
            throw new NotFoundException("no journal at " + file);
        }
        return Response.ok(file.toFile())
                .header("Content-Disposition", "attachment; filename=\"" + v.missionId().replaceAll("[^A-Za-z0-9._-]", "_")
                        + ".journal\"")
                .build();
    }

    @GET
    @Path("/replay")
    @Operation(summary = "Re-execute this node's journal and report the first divergence, if any")
    public ReplayReportView replay() {
        MissionView v = node().mission().orElseThrow(() -> new NotFoundException("no mission on this node"));
        java.nio.file.Path file = java.nio.file.Path.of(v.journalPath());
        if (!Files.isRegularFile(file)) {
            throw new NotFoundException("no journal at " + file);
        }
        return replays.replay(file);
    }

    @GET
    @Path("/interventions")
    @Operation(summary = "Recent safety supervisor interventions, oldest first")
    public List<Intervention> interventions() {
        return node().supervisor().recentInterventions();
    }

    @GET
    @Path("/metrics")
    @Operation(summary = "Counters of the link, outbox, spool, commands and mission")
    public Map<String, Object> metrics() {
        EdgeNode node = node();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("link.state", node.link().state().name());
        m.put("link.sessions", node.link().sessionsEstablished());
        m.put("link.unknown_messages", node.link().unknownMessages());
        m.put("outbox.last_seq", node.link().outbox().lastSeq());
        m.put("outbox.acknowledged_seq", node.link().outbox().acknowledgedSeq());
        m.put("outbox.pending", node.link().outbox().pendingCount());
        m.put("outbox.dropped", node.link().outbox().dropped());
        m.put("outbox.oversize", node.link().outbox().oversize());
        m.put("outbox.refused_by_c2", node.link().outbox().refusedByC2());
        m.put("spool.size", node.link().spool().size());
        m.put("spool.dropped", node.link().spool().dropped());
        m.put("telemetry.live_replaced", node.link().liveSamplesReplaced());
        m.put("commands.applied", node.dispatcher().appliedCount());
        m.put("commands.duplicates", node.dispatcher().duplicateCount());
        node.mission().ifPresent(v -> {
            m.put("mission.tick", v.tick());
            m.put("mission.overruns", v.overruns());
            m.put("mission.inference_calls", v.inferenceCalls());
        });
        node.supervisor().counts().forEach((k, n) -> m.put("interventions." + k.name(), n));
        node.mesh().ifPresent(mesh -> {
            m.put("mesh.members", mesh.members());
            m.put("mesh.dropped", mesh.dropped());
            m.put("mesh.malformed", mesh.malformed());
            m.put("mesh.refused_senders", mesh.senderCheck().refused());
            m.put("mesh.dropped_while_reconnecting", mesh.droppedWhileReconnecting());
            m.put("mesh.peers_refused_unauthenticated", mesh.unauthenticatedPeersRefused());
            m.put("mesh.peers_over_declaration_cap", mesh.peersOverDeclarationCap());
            m.put("swarm.sent_bytes", mesh.swarm().sentBytes());
            m.put("swarm.received_bytes", mesh.swarm().receivedBytes());
            m.put("swarm.dropped", mesh.swarm().dropped());
        });
        return m;
    }

    // ---- write operations ----

    @POST
    @Path("/pause")
    @Operation(summary = "Pause the agents (vehicle holds). Needs write-enabled and the token")
    public NodeStatusView pause(@HeaderParam(DebugWriteGuard.TOKEN_HEADER) String token) {
        guard.check(token);
        running().pause();
        return status();
    }

    @POST
    @Path("/resume")
    @Operation(summary = "Resume after a pause. Needs write-enabled and the token")
    public NodeStatusView resume(@HeaderParam(DebugWriteGuard.TOKEN_HEADER) String token) {
        guard.check(token);
        running().unpause();
        return status();
    }

    @POST
    @Path("/step")
    @Operation(summary = "While paused, run exactly one tick. Needs write-enabled and the token")
    public NodeStatusView step(@HeaderParam(DebugWriteGuard.TOKEN_HEADER) String token) {
        guard.check(token);
        running().step();
        return status();
    }

    /** A test input: journaled as a command of this kind at the next tick. */
    public record InjectRequest(String kind, String dataBase64) {
    }

    @POST
    @Path("/inject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Feed a test input into the next tick (journaled). Needs write-enabled and the token")
    public Map<String, String> inject(@HeaderParam(DebugWriteGuard.TOKEN_HEADER) String token, InjectRequest req) {
        guard.check(token);
        if (req == null || req.kind() == null || req.kind().isBlank()) {
            throw new BadRequestException("kind is required");
        }
        byte[] data;
        try {
            data = req.dataBase64() == null ? new byte[0] : Base64.getDecoder().decode(req.dataBase64());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("dataBase64 is not base64: " + e.getMessage());
        }
        try {
            new io.lockstep.runtime.InputEvent(req.kind(), data);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        running();
        node().executor().inject(req.kind(), data);
        return Map.of("queued", req.kind());
    }

    /** Engage ({@code engaged = true}) or clear the e-stop. */
    public record EstopRequest(boolean engaged, String reason) {
    }

    @POST
    @Path("/estop")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Engage or clear the e-stop from the vehicle. Needs write-enabled and the token")
    public NodeStatusView estop(@HeaderParam(DebugWriteGuard.TOKEN_HEADER) String token, EstopRequest req) {
        guard.check(token);
        if (req == null) {
            throw new BadRequestException("body {\"engaged\": true|false, \"reason\": \"...\"} is required");
        }
        if (req.engaged()) {
            String reason = req.reason() == null || req.reason().isBlank() ? "operator at the vehicle" : req.reason();
            // Fleet-wide: every peer stops too, over the mesh, with or without C2 (docs/hazards.md). Sent first,
            // so the peers do not wait for this node's latch to be persisted.
            String bounded = reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason;
            Runnable latch = () -> node().supervisor().engageEmergencyStop(EstopSource.LOCAL_DEBUG_PORT, bounded);
            // On a safety thread: at the priority of the mesh threads that carry the stop (docs/hazards.md).
            node().safetyThreads().run(() -> node().mesh().ifPresentOrElse(m -> m.stopPeersThenLatch(
                    "at " + node().settings().nodeId() + ": " + reason, latch), latch));
        } else {
            node().estopLatch().clear(EstopSource.LOCAL_DEBUG_PORT);
        }
        return status();
    }

    /** A manual velocity for {@code durationMs}, or {@code cancel: true} to hand back to the agents now. */
    public record OverrideRequest(Double vx, Double vy, Long durationMs, boolean cancel) {
    }

    @POST
    @Path("/override")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Drive manually (under the safety supervisor, journaled) until a timeout. Needs "
            + "write-enabled and the token")
    public Map<String, Object> override(@HeaderParam(DebugWriteGuard.TOKEN_HEADER) String token, OverrideRequest req) {
        guard.check(token);
        if (req == null) {
            throw new BadRequestException("body {\"vx\": m/s, \"vy\": m/s, \"durationMs\": ms} or {\"cancel\": true}"
                    + " is required");
        }
        MissionRun run = running();
        Map<String, Object> answer = new LinkedHashMap<>();
        if (req.cancel()) {
            answer.put("cancelled", run.cancelOverride());
            answer.put("manualOverride", null);
            return answer;
        }
        if (req.vx() == null || req.vy() == null || req.durationMs() == null) {
            throw new BadRequestException("vx, vy and durationMs are required (or cancel: true)");
        }
        try {
            var active = run.override(req.vx(), req.vy(), req.durationMs());
            answer.put("cancelled", false);
            answer.put("manualOverride", OverrideView.of(active, System.currentTimeMillis()));
            return answer;
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    private MissionRun running() {
        return node().executor().running().orElseThrow(() -> new NotFoundException("no mission is running"));
    }
}
