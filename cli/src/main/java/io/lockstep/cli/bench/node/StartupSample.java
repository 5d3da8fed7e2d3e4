package io.lockstep.cli.bench.node;

/**
 * One timed node start, both measured from the moment the JVM was spawned.
 *
 * @param nodeLinkUpMs until the node's debug status showed its C2 link CONNECTED
 * @param c2ConnectedMs until C2's node list showed it CONNECTED
 */
record StartupSample(long nodeLinkUpMs, long c2ConnectedMs) {

    /** Link-ready: both ends agree that the link is up. */
    long linkReadyMs() {
        return Math.max(nodeLinkUpMs, c2ConnectedMs);
    }
}
