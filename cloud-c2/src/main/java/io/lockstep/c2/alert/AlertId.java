package io.lockstep.c2.alert;

import io.lockstep.c2.api.Ids;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An alert's stable id, the same on every C2 replica, every page and after a restart, because it is made of
 * what the alert is about: {@code <kind>:<node>:<mission>:<tick>}, the alert's kind (for an intervention
 * {@code intervention.<KIND>}), the node, the mission (empty when none) and the tick where it began.
 * Node and mission ids never contain ':' ({@link Ids}), so the id splits back unambiguously. The page builds
 * ids of the alerts it raises itself (plan departures) the same way, so any alert kind can be acknowledged.
 */
public record AlertId(String kind, String nodeId, String missionId, long tick) {

    public static final int MAX_LENGTH = 64 + 1 + Ids.MAX_LENGTH + 1 + Ids.MAX_LENGTH + 1 + 19;
    private static final Pattern KIND = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern ID = Pattern.compile("([^:]+):([^:]+):([^:]*):([0-9]{1,19})");
    public static final String GRAMMAR = "<kind>:<node>:<mission>:<tick> (kind 1 to 64 of A-Z a-z 0-9 _ . -, "
            + "node and mission ids as everywhere, the mission may be empty, tick a number)";

    public AlertId {
        if (!KIND.matcher(kind).matches() || !Ids.isValid(nodeId) || !(missionId.isEmpty() || Ids.isValid(missionId))
                || tick < 0) {
            throw new IllegalArgumentException("not an alert id: " + kind + ":" + nodeId + ":" + missionId + ":" + tick);
        }
    }

    /** The id, or empty when {@code text} is not one. */
    public static Optional<AlertId> parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Matcher m = ID.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AlertId(m.group(1), m.group(2), m.group(3), Long.parseLong(m.group(4))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The kind part for a stream alert event: its severity, and for interventions which one. */
    public static String kindOf(String severity, String intervention) {
        String kind = (intervention == null || intervention.isEmpty() ? severity : severity + "." + intervention)
                .replaceAll("[^A-Za-z0-9_.-]", "_");
        return kind.length() > 64 ? kind.substring(0, 64) : kind;
    }

    /** The id of a stream alert event ({@code severity}, {@code intervention}, {@code missionId}, {@code tick}). */
    public static Optional<String> forEvent(String nodeId, com.fasterxml.jackson.databind.JsonNode event) {
        try {
            return Optional.of(new AlertId(kindOf(event.path("severity").asText("alert"),
                    event.path("intervention").asText("")), nodeId, event.path("missionId").asText(""),
                    Math.max(0, event.path("tick").asLong())).toString());
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return kind + ":" + nodeId + ":" + missionId + ":" + tick;
    }
}
