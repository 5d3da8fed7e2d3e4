package io.lockstep.c2.fleet;

import io.lockstep.proto.v1.C2ToEdge;

/** Sends commands to a node over its link, at least once and in order (implemented by the link layer). */
public interface NodeCommands {

    /**
     * Gives {@code command} the node's next command sequence number, persists it until the node
     * acknowledges it, and pushes it now if the node is connected (otherwise when it reconnects).
     *
     * @return the command sequence number assigned
     */
    long send(String nodeId, C2ToEdge.Builder command);
}
