package io.lockstep.c2.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.proto.v1.AgentStatus;
import io.lockstep.proto.v1.StatusUpdate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns what nodes report into timeline events: lifecycle state changes, supervisor interventions (the
 * counters in StatusUpdate growing), and alerts (faults, swarm divergence, interventions, link loss, e-stop).
 * Keeps only the last state and counters per node and mission, bounded like the missions themselves.
 */
final class TimelineTracker {
    private static final int MAX_TRACKED = 10_000;

    private final ObjectMapper mapper;
    private final EventRing events;
    private final Map<String, String> lastState = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Map<String, Long>> lastInterventions = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, String> lastDivergence = new HashMap<>();

    TimelineTracker(ObjectMapper mapper, EventRing events) {
        this.mapper = mapper;
        this.events = events;
    }

    /** Records a status update's events; returns the mission progress entry the stream sends for it. */
    synchronized ObjectNode status(String nodeId, StatusUpdate update, long atMs) {
        String key = update.getMissionId() + "/" + nodeId;
        String state = update.getState().name();
        if (!state.equals(lastState.put(key, state))) {
            ObjectNode event = event(nodeId, update.getMissionId(), "state", update.getTick(), atMs);
            event.put("state", state);
            event.put("detail", update.getDetail());
            boolean fault = state.equals("FAILED") || state.equals("REJECTED");
            event.put("alert", fault);
            if (fault) {
                event.put("severity", "fault");
            }
            events.append(nodeId, event);
        }
        Map<String, Long> before = lastInterventions.computeIfAbsent(key, k -> new HashMap<>());
        update.getInterventionsMap().forEach((kind, count) -> {
            long previous = before.getOrDefault(kind, 0L);
            if (count > previous) {
                ObjectNode event = event(nodeId, update.getMissionId(), "intervention", update.getTick(), atMs);
                event.put("intervention", kind);
                event.put("count", count);
                event.put("added", count - previous);
                event.put("alert", true);
                event.put("severity", "intervention");
                events.append(nodeId, event);
                before.put(kind, count);
            }
        });
        for (AgentStatus agent : update.getAgentsList()) {
            if (!agent.getFault().isEmpty() && !agent.getFault().equals(lastState.get(key + "/" + agent.getName()))) {
                lastState.put(key + "/" + agent.getName(), agent.getFault());
                ObjectNode event = event(nodeId, update.getMissionId(), "fault", update.getTick(), atMs);
                event.put("agent", agent.getName());
                event.put("detail", agent.getFault());
                event.put("alert", true);
                event.put("severity", "fault");
                events.append(nodeId, event);
            }
        }
        String divergence = update.hasSwarm() ? update.getSwarm().getDivergence() : "";
        if (!divergence.isEmpty() && !divergence.equals(lastDivergence.put(key, divergence))) {
            ObjectNode event = event(nodeId, update.getMissionId(), "divergence", update.getTick(), atMs);
            event.put("detail", divergence);
            event.put("alert", true);
            event.put("severity", "divergence");
            events.append(nodeId, event);
        }
        trim();
        ObjectNode progress = mapper.createObjectNode();
        progress.put("missionId", update.getMissionId());
        progress.put("nodeId", nodeId);
        progress.put("state", state);
        progress.put("tick", update.getTick());
        if (update.hasSwarm()) {
            progress.put("cellsTotal", update.getSwarm().getCellsTotal());
            progress.put("cellsCovered", update.getSwarm().getCellsCovered());
            progress.set("cellsDone", mapper.valueToTree(update.getSwarm().getCellsDoneList()));
            progress.set("cellsOwned", mapper.valueToTree(update.getSwarm().getCellsOwnedList()));
        }
        progress.put("atMs", atMs);
        return progress;
    }

    /** Link loss and regain, e-stop confirmations: what changed between two views of a node. */
    synchronized void nodeChanged(String nodeId, JsonNode before, JsonNode after, long atMs) {
        String link = after.path("linkState").asText();
        if (before != null && !link.equals(before.path("linkState").asText())) {
            ObjectNode event = event(nodeId, after.path("currentMissionId").asText(""), "link",
                    after.path("currentTick").asLong(), atMs);
            event.put("linkState", link);
            boolean lost = link.equals("DISCONNECTED");
            event.put("alert", lost);
            if (lost) {
                event.put("severity", "link-loss");
            }
            events.append(nodeId, event);
        }
        boolean engaged = after.path("emergencyStop").path("requested").path("engaged").asBoolean();
        if (before != null && engaged != before.path("emergencyStop").path("requested").path("engaged").asBoolean()) {
            ObjectNode event = event(nodeId, after.path("currentMissionId").asText(""), "estop",
                    after.path("currentTick").asLong(), atMs);
            event.put("engaged", engaged);
            event.put("detail", after.path("emergencyStop").path("requested").path("reason").asText(""));
            event.put("alert", engaged);
            if (engaged) {
                event.put("severity", "estop");
            }
            events.append(nodeId, event);
        }
    }

    private ObjectNode event(String nodeId, String missionId, String kind, long tick, long atMs) {
        ObjectNode event = mapper.createObjectNode();
        event.put("kind", kind);
        event.put("nodeId", nodeId);
        event.put("missionId", missionId);
        event.put("tick", tick);
        event.put("atMs", atMs);
        return event;
    }

    private void trim() {
        trim(lastState);
        trim(lastInterventions);
        if (lastDivergence.size() > MAX_TRACKED) {
            lastDivergence.clear();
        }
    }

    private static void trim(Map<String, ?> accessOrdered) {
        var iterator = accessOrdered.keySet().iterator();
        while (accessOrdered.size() > MAX_TRACKED && iterator.hasNext()) {
            iterator.next();
            iterator.remove();
        }
    }
}
