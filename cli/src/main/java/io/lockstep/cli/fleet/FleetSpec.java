package io.lockstep.cli.fleet;

import java.nio.file.Path;

/**
 * What to start: how many edge nodes, where everything writes, and which world the simulated vehicles share.
 *
 * @param outDir logs, Redis data, node data directories and journals go below it
 * @param nodeCount number of edge node JVMs, named node-1 .. node-N
 * @param world world file shared by every simulated vehicle
 * @param mutualTls whether the gRPC link uses mutual TLS with a throwaway fleet CA made for this fleet
 */
public record FleetSpec(Path outDir, int nodeCount, Path world, boolean mutualTls) {
    public static final int MAX_NODES = 32;

    public FleetSpec {
        if (nodeCount < 1 || nodeCount > MAX_NODES) {
            throw new IllegalArgumentException("node count must be 1.." + MAX_NODES + ", was " + nodeCount);
        }
    }

    public static String nodeId(int index) {
        return "node-" + (index + 1);
    }
}
