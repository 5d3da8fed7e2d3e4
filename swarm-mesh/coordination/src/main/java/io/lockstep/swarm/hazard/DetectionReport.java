package io.lockstep.swarm.hazard;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hazard-scout agent's report, emitted on {@code swarm/hazard/<node>} as the text {@code "x=<m> y=<m> score=…"}:
 * where the vehicle was when it scored, in the mission's local frame. The edge node and the fleet simulator turn
 * reports into {@link HazardKind#DETECTION} hazards with the same defaults (docs/hazards.md).
 */
public record DetectionReport(double xM, double yM) {

    /** Topic prefix of the reports (the agent appends its node id). */
    public static final String TOPIC_PREFIX = "swarm/hazard/";
    /** Keep-out radius of a detection: around the vehicle's position when it scored. */
    public static final double DETECTION_RADIUS_M = 5.0;
    /** Keep-out radius of an obstacle-reflex stop: around the stopped vehicle. */
    public static final double OBSTACLE_RADIUS_M = 2.0;
    /** How long a detection holds: what a scout scores (smoke, a crowd) moves on. */
    public static final int DETECTION_TTL_MS = 60_000;
    /**
     * How long an obstacle stop holds: what stops a vehicle (a silo, a barn) stays where it is, so a peer that
     * comes by later in the mission still keeps out; ten minutes bounds a wrong one.
     */
    public static final int OBSTACLE_TTL_MS = 600_000;

    /** How long a node's own find of {@code kind} holds. */
    public static int ttlMsOf(HazardKind kind) {
        return kind == HazardKind.OBSTACLE ? OBSTACLE_TTL_MS : DETECTION_TTL_MS;
    }

    private static final Pattern POSITION = Pattern.compile("x=(-?[0-9.]+) y=(-?[0-9.]+)");

    /** The report an agent emitted on {@code topic}, or empty when it is not a (well-formed) report. */
    public static Optional<DetectionReport> parse(String topic, byte[] data) {
        if (!topic.startsWith(TOPIC_PREFIX)) {
            return Optional.empty();
        }
        Matcher match = POSITION.matcher(new String(data, StandardCharsets.UTF_8));
        if (!match.find()) {
            return Optional.empty();
        }
        try {
            double x = Double.parseDouble(match.group(1));
            double y = Double.parseDouble(match.group(2));
            return Double.isFinite(x) && Double.isFinite(y) ? Optional.of(new DetectionReport(x, y)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty(); // an agent's malformed report: not a hazard
        }
    }
}
