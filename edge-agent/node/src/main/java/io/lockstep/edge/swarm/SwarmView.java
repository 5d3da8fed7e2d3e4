package io.lockstep.edge.swarm;

import io.lockstep.proto.v1.SwarmReport;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One published snapshot of a node's cell mission, for the debug port and the status sent to C2.
 *
 * @param owned cells this node owns and nobody has covered yet
 * @param done cells this node's agents covered
 * @param lostAtMillis each lost node and when (Unix ms) this node found it lost and took over its open cells
 * @param reallocated cells this node took over from lost nodes
 * @param divergence a peer's digest disagreeing for longer than the settle window (empty: none)
 * @param dropped peers' coverage or digest messages counted and dropped as malformed or forged
 */
public record SwarmView(long planVersion, int cellsTotal, int cellsCovered, List<Integer> owned, List<Integer> done,
        List<String> members, List<String> lost, Map<String, Long> lostAtMillis, List<Integer> reallocated,
        String digest, String divergence, long dropped) {

    public SwarmView {
        owned = List.copyOf(owned);
        done = List.copyOf(done);
        members = List.copyOf(members);
        lost = List.copyOf(lost);
        lostAtMillis = Collections.unmodifiableMap(new TreeMap<>(lostAtMillis));
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
