package io.lockstep.swarm.rightofway;

import io.lockstep.swarm.allocation.NodeIds;
import java.util.List;

/**
 * What one node announces about its movement: who (sender), when (its clock, ms), a sequence number for replay
 * protection, until when the announcement and its zone claims hold (the lease: a node that stops announcing
 * loses its claims when it expires), where it is (WGS84, 1e-7 degrees), its velocity (mm/s east and north),
 * its state ({@link #CARRYING_PAYLOAD}, {@link #HOLDING}, {@link #RETREATING}), its mission's priority
 * (0..255, higher goes first) and the zones it claims, ascending by zone id.
 */
public record Intent(String nodeId, long sequence, long timeMs, long expiresAtMs, int latE7, int lonE7,
        int velocityEastMmps, int velocityNorthMmps, int flags, int missionPriority, List<ZoneClaim> claims) {

    public static final int CARRYING_PAYLOAD = 1;
    public static final int HOLDING = 2;
    public static final int RETREATING = 4;
    static final int KNOWN_FLAGS = CARRYING_PAYLOAD | HOLDING | RETREATING;
    /** Most zones one intent may claim. */
    public static final int MAX_CLAIMS = 32;
    /** Longest lease an intent may ask for. */
    public static final long MAX_LEASE_MS = 60_000;

    public Intent {
        NodeIds.require(nodeId);
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative");
        }
        if (expiresAtMs <= timeMs || expiresAtMs - timeMs > MAX_LEASE_MS) {
            throw new IllegalArgumentException("lease must be 1.." + MAX_LEASE_MS + " ms, got "
                    + (expiresAtMs - timeMs));
        }
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw new IllegalArgumentException("unknown intent flags " + flags);
        }
        if (missionPriority < 0 || missionPriority > 255) {
            throw new IllegalArgumentException("mission priority must be 0..255, got " + missionPriority);
        }
        claims = List.copyOf(claims);
        if (claims.size() > MAX_CLAIMS) {
            throw new IllegalArgumentException("at most " + MAX_CLAIMS + " claims, got " + claims.size());
        }
        for (int i = 1; i < claims.size(); i++) {
            if (claims.get(i - 1).zone() >= claims.get(i).zone()) {
                throw new IllegalArgumentException("claims must be strictly ascending by zone");
            }
        }
    }

    public boolean carryingPayload() {
        return (flags & CARRYING_PAYLOAD) != 0;
    }

    public boolean retreating() {
        return (flags & RETREATING) != 0;
    }

    public boolean inside(int zone) {
        for (ZoneClaim c : claims) {
            if (c.zone() == zone) {
                return c.inside();
            }
        }
        return false;
    }

    public boolean committed(int zone) {
        for (ZoneClaim c : claims) {
            if (c.zone() == zone) {
                return c.committed();
            }
        }
        return false;
    }

    public boolean claims(int zone) {
        return claims.stream().anyMatch(c -> c.zone() == zone);
    }
}
