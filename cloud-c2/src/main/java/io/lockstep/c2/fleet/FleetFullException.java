package io.lockstep.c2.fleet;

/** A node id C2 has never seen said Hello while the fleet is at its configured maximum size. */
public class FleetFullException extends RuntimeException {

    public FleetFullException(String nodeId, int maxNodes) {
        super("node '" + nodeId + "' is not registered and the fleet is full (lockstep.c2.fleet.max-nodes="
                + maxNodes + "); known nodes may still connect");
    }
}
