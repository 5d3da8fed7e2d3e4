package io.lockstep.edge.swarm;

import java.util.List;

/**
 * Contiguous blocks of the plan: the plan's nodes split the cell list into equal runs in node order;
 * the run of a node that is not a member is split again, in the same way, among the members. A
 * survivor keeps its own cells and takes over a contiguous part of each lost node's run.
 */
public final class BlockAllocator implements CellAllocator {

    @Override
    public int[] owners(CellMap map, List<String> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("no members to allocate cells to");
        }
        List<String> nodes = map.nodes();
        int n = map.size();
        int[] owners = new int[n];
        for (int cell = 0; cell < n; cell++) {
            int block = (int) ((long) cell * nodes.size() / n);
            int member = members.indexOf(nodes.get(block));
            if (member < 0) {
                long start = ceilDiv((long) block * n, nodes.size());
                long end = ceilDiv((long) (block + 1) * n, nodes.size());
                member = (int) ((cell - start) * members.size() / Math.max(1, end - start));
            }
            owners[cell] = member;
        }
        return owners;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
