package io.lockstep.mesh.api;

/** How replies to a get are merged. {@code wire} is the value carried by QUERY and REPLY. */
public enum ConsolidationMode {
    /** Zenoh picks: behaves as LATEST. */
    AUTO(0),
    /** Every reply is delivered as it arrives. */
    NONE(1),
    /** A reply is delivered only if it is newer than the last one delivered for its key. */
    MONOTONIC(2),
    /** Only the newest reply per key is delivered, when the get completes. */
    LATEST(3);

    private final int wire;

    ConsolidationMode(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }
}
