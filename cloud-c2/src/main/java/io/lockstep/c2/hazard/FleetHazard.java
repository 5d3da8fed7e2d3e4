package io.lockstep.c2.hazard;

import java.util.List;

/**
 * One live hazard as C2 knows it from the nodes' heartbeats: where (the mission's local frame, metres east and
 * north of its origin), how large, what found it, who found it ({@code sender}), which nodes report knowing it,
 * and until when it holds. Its {@code id} is {@code sender/hazardId}, the nodes' own identity for it.
 */
public record FleetHazard(String id, String sender, long hazardId, String missionId, String kind, double xM,
        double yM, double radiusM, long issuedAtMs, long expiresAtMs, List<String> reportedBy, long firstSeenMs,
        long lastReportMs) {
}
