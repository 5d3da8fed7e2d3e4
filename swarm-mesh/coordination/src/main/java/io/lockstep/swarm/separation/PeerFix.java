package io.lockstep.swarm.separation;

import io.lockstep.swarm.allocation.NodeIds;

/**
 * Where a peer said it was, in the caller's local frame (metres east and north), how fast it was moving, how old
 * that announcement is now, and whether it goes first in the right-of-way order.
 *
 * @param nodeId the peer
 * @param xM announced position, east
 * @param yM announced position, north
 * @param vxMps announced velocity, east
 * @param vyMps announced velocity, north
 * @param ageMs age of the announcement at the moment of the decision (&gt;= 0)
 * @param goesFirst the peer comes before this vehicle in the right-of-way order
 */
public record PeerFix(String nodeId, double xM, double yM, double vxMps, double vyMps, long ageMs,
        boolean goesFirst) {

    public PeerFix {
        NodeIds.require(nodeId);
        if (!Double.isFinite(xM) || !Double.isFinite(yM) || !Double.isFinite(vxMps) || !Double.isFinite(vyMps)
                || ageMs < 0) {
            throw new IllegalArgumentException("peer fix needs finite position and velocity and an age >= 0");
        }
    }

    /** East position the announced velocity gives after the announcement's age. */
    double predictedX() {
        return xM + vxMps * ageMs / 1000.0;
    }

    /** North position the announced velocity gives after the announcement's age. */
    double predictedY() {
        return yM + vyMps * ageMs / 1000.0;
    }
}
