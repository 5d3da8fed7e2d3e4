package io.lockstep.c2.fleet;

/** A node id that has never connected to C2. */
public class UnknownNodeException extends RuntimeException {

    private final String nodeId;

    public UnknownNodeException(String nodeId) {
        super("unknown node '" + nodeId + "': it has never connected to C2");
        this.nodeId = nodeId;
    }

    public String nodeId() {
        return nodeId;
    }
}
