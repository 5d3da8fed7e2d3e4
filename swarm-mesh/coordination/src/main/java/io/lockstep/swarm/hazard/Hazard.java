package io.lockstep.swarm.hazard;

import io.lockstep.swarm.allocation.NodeIds;
import java.util.Objects;

/**
 * One hazard as it travels between nodes: a keep-out disc in the mission's local frame (integer
 * millimetres, so every node and every replay sees the same numbers), who found it and for how long it holds.
 *
 * @param sender the node that published it (must be the node its key names)
 * @param missionId the mission whose local frame the position is in; empty when the sender ran none (then the
 *        position is in the frame its vehicle uses, which a fleet shares)
 * @param hazardId the sender's id for this hazard (an update of the same hazard keeps it)
 * @param sequence the sender's message sequence number, strictly increasing over all its hazard messages
 *        (also across restarts: it starts from the sender's clock in microseconds); replay protection
 * @param kind what found it
 * @param xMm east of the mission origin, millimetres
 * @param yMm north of the mission origin, millimetres
 * @param radiusMm keep-out radius, millimetres
 * @param issuedAtMs sender's wall clock (Unix ms) when it published
 * @param ttlMs how long after {@code issuedAtMs} the hazard holds
 */
public record Hazard(String sender, String missionId, int hazardId, long sequence, HazardKind kind, int xMm,
        int yMm, int radiusMm, long issuedAtMs, int ttlMs) {

    /** Largest keep-out radius: 1 km. */
    public static final int MAX_RADIUS_MM = 1_000_000;
    /** Longest time to live: one hour. */
    public static final int MAX_TTL_MS = 3_600_000;

    public Hazard {
        NodeIds.require(sender);
        Objects.requireNonNull(missionId, "missionId");
        Objects.requireNonNull(kind, "kind");
        if (hazardId < 0) {
            throw new IllegalArgumentException("hazard id must be >= 0, got " + hazardId);
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0, got " + sequence);
        }
        if (radiusMm < 1 || radiusMm > MAX_RADIUS_MM) {
            throw new IllegalArgumentException("radius must be 1.." + MAX_RADIUS_MM + " mm, got " + radiusMm);
        }
        if (ttlMs < 1 || ttlMs > MAX_TTL_MS) {
            throw new IllegalArgumentException("ttl must be 1.." + MAX_TTL_MS + " ms, got " + ttlMs);
        }
        if (issuedAtMs < 0) {
            throw new IllegalArgumentException("issuedAtMs must be >= 0, got " + issuedAtMs);
        }
    }

    /** Unix ms after which the hazard no longer holds. */
    public long expiresAtMs() {
        return issuedAtMs + ttlMs;
    }

    public boolean liveAt(long nowMs) {
        return nowMs < expiresAtMs();
    }

    public double xM() {
        return xMm / 1000.0;
    }

    public double yM() {
        return yMm / 1000.0;
    }

    public double radiusM() {
        return radiusMm / 1000.0;
    }
}
