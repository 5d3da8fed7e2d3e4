package io.lockstep.mesh.api;

/**
 * Where a put may be delivered (Zenoh's {@code allowed_destination}): to this session's own subscribers, to
 * remote peers, or both.
 */
public enum Locality {
    /** Local subscribers and peers (the default). */
    ANY,
    /** Only this session's own subscribers. */
    SESSION_LOCAL,
    /**
     * Only peers: a publisher that also subscribes to its own key (a node listening to every node's hazards) does
     * not receive and discard its own message.
     */
    REMOTE;

    /** True when this session's own subscribers may receive it. */
    public boolean local() {
        return this != REMOTE;
    }

    /** True when peers may receive it. */
    public boolean remote() {
        return this != SESSION_LOCAL;
    }
}
