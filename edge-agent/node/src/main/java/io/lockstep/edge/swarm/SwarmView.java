package io.lockstep.edge.swarm;

import io.lockstep.proto.v1.SwarmReport;
import java.util.List;

/**
 * One published snapshot of a node's cell mission, for the debug port and the status sent to C2.
 *
 * @param owned cells this node owns and nobody has covered yet
 * @param done cells this node's agents covered
 * @param reallocated cells this node took over from lost nodes
 * @param divergence a peer's digest disagreeing for longer than the settle window (empty: none)
 * @param dropped peers' coverage or digest messages counted and dropped as malformed or forged
 */
public record SwarmView(long planVersion, int cellsTotal, int cellsCovered, List<Integer> owned, List<Integer> done,
        List<String> members, List<String> lost, List<Integer> reallocated, String digest, String divergence,
        long dropped) {

    public SwarmView {
        owned = List.copyOf(owned);
        done = List.copyOf(done);
        members = List.copyOf(members);
        lost = List.copyOf(lost);
        reallocated = List.copyOf(reallocated);
    }

    public double coveragePercent() {
        return cellsTotal == 0 ? 0 : 100.0 * cellsCovered / cellsTotal;
    }

    public SwarmReport toProto() {
        return SwarmReport.newBuilder().setPlanVersion(planVersion).setCellsTotal(cellsTotal)
                .addAllCellsOwned(owned).addAllCellsDone(done).setCellsCovered(cellsCovered).addAllLostNodes(lost)
                .addAllReallocatedCells(reallocated).setDigest(digest).setDivergence(divergence).build();
    }
}
