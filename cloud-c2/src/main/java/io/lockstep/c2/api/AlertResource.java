package io.lockstep.c2.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.c2.alert.AlertAck;
import io.lockstep.c2.alert.AlertAcks;
import io.lockstep.c2.alert.AlertId;
import io.lockstep.c2.stream.StreamHub;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Alerts as a queue the whole command shares (docs/dashboard.md, "Alerts"): the alerts C2 still holds with
 * who acknowledged each, and the acknowledgement itself, stored once for every commander, audited (the audit
 * filter records every mutating request) and pushed to every stream client.
 */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    static final int MAX_NOTE_CHARS = 512;
    static final int LIST_ACKS = 1000;

    /** An optional note with an acknowledgement. */
    public record AckRequest(String note) {
    }

    /** The alerts C2 still holds (newest first, each with its acknowledgement or null) and the newest acknowledgements. */
    @Schema(example = "{\"alerts\": [{\"kind\": \"estop\", \"nodeId\": \"node-1\", \"missionId\": \"5df9ebf8-ac56-4a9a-a594-dfb23734d1e3\", \"tick\": 114, \"atMs\": 1796213574203, \"engaged\": true, \"detail\": \"person in the field\", \"alert\": true, \"severity\": \"estop\", \"seq\": 6, \"alertId\": \"estop:node-1:5df9ebf8-ac56-4a9a-a594-dfb23734d1e3:114\", \"ack\": {\"alertId\": \"estop:node-1:5df9ebf8-ac56-4a9a-a594-dfb23734d1e3:114\", \"nodeId\": \"node-1\", \"by\": \"alice\", \"atMs\": 1796213577978, \"note\": \"checked on site\"}}, {\"kind\": \"intervention\", \"nodeId\": \"node-1\", \"missionId\": \"5df9ebf8-ac56-4a9a-a594-dfb23734d1e3\", \"tick\": 119, \"atMs\": 1796213574192, \"intervention\": \"ESTOP\", \"count\": 1, \"added\": 1, \"alert\": true, \"severity\": \"intervention\", \"seq\": 5, \"alertId\": \"intervention.ESTOP:node-1:5df9ebf8-ac56-4a9a-a594-dfb23734d1e3:119\", \"ack\": null}], \"acks\": [{\"alertId\": \"estop:node-1:5df9ebf8-ac56-4a9a-a594-dfb23734d1e3:114\", \"nodeId\": \"node-1\", \"by\": \"alice\", \"atMs\": 1796213577978, \"note\": \"checked on site\"}]}")
    public record AlertsView(List<ObjectNode> alerts, List<AlertAck> acks) {
    }

    private final AlertAcks acks;
    private final StreamHub stream;
    private final StrictJsonBody jsonBody;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final SecurityIdentity identity;

    public AlertResource(AlertAcks acks, StreamHub stream, StrictJsonBody jsonBody, ObjectMapper mapper, Clock clock,
            SecurityIdentity identity) {
        this.acks = acks;
        this.stream = stream;
        this.jsonBody = jsonBody;
        this.mapper = mapper;
        this.clock = clock;
        this.identity = identity;
    }

    @GET
    @RolesAllowed("viewer")
    public AlertsView list() {
        List<AlertAck> newest = acks.newest(LIST_ACKS);
        Map<String, AlertAck> byId = new HashMap<>();
        newest.forEach(a -> byId.put(a.alertId(), a));
        List<ObjectNode> alerts = new java.util.ArrayList<>();
        List<ObjectNode> held = stream.alerts();
        for (int i = held.size() - 1; i >= 0; i--) {
            ObjectNode alert = held.get(i).deepCopy();
            String id = alert.path("alertId").asText("");
            AlertAck ack = byId.containsKey(id) ? byId.get(id) : (id.isEmpty() ? null : acks.find(id).orElse(null));
            alert.set("ack", ack == null ? mapper.nullNode() : mapper.valueToTree(ack));
            alerts.add(alert);
        }
        return new AlertsView(alerts, newest);
    }

    @POST
    @Path("/{id}/ack")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("operator")
    public AlertAck acknowledge(@PathParam("id") String id, @Context HttpHeaders headers, byte[] body)
            throws JsonProcessingException {
        AlertId alert = AlertId.parse(id).orElseThrow(() -> new ProblemException(Problem.of(Status.BAD_REQUEST,
                "invalid-id", "Invalid alert id", "an alert id is " + AlertId.GRAMMAR + ", got " + LogText.quote(id))));
        AckRequest request = jsonBody.read(headers, body, AckRequest.class);
        String note = request == null || request.note() == null ? "" : request.note();
        if (!TextLimits.fits(note, MAX_NOTE_CHARS)) {
            throw new ProblemException(Problem.of(Status.BAD_REQUEST, "note-too-long", "Note too long",
                    "note may be at most " + MAX_NOTE_CHARS + " characters, got " + note.length()));
        }
        AlertAck wanted = new AlertAck(alert.toString(), alert.nodeId(), identity.getPrincipal().getName(),
                clock.millis(), note);
        AlertAck held = acks.acknowledge(wanted);
        if (held.equals(wanted)) {
            ObjectNode event = mapper.createObjectNode();
            event.put("kind", "ack");
            event.put("nodeId", alert.nodeId());
            event.put("missionId", alert.missionId());
            event.put("tick", alert.tick());
            event.put("atMs", held.atMs());
            event.put("alert", false);
            event.put("alertId", held.alertId());
            event.put("by", held.by());
            event.put("note", held.note());
            stream.publish(alert.nodeId(), event);
        }
        return held;
    }
}
