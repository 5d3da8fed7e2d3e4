package io.lockstep.c2.mission.cells;

import io.lockstep.proto.v1.SwarmReport;
import java.time.Instant;
import java.util.List;

/**
 * What one node last reported about a cell mission's shared coverage: the cells it owns and has done,
 * the cells covered by anyone as it knows, the nodes it saw lost and the cells it took over from them,
 * its agreement digest and any divergence it raised.
 */
public record NodeCoverage(String nodeId, long planVersion, int cellsTotal, List<Integer> cellsOwned,
        List<Integer> cellsDone, int cellsCovered, List<String> lostNodes, List<Integer> reallocatedCells,
        String digest, String divergence, Instant updatedAt) {

    /** Caps what a node may make C2 store: a plan never has more cells than this. */
    static final int MAX_LISTED = 65_536;
    static final int MAX_TEXT = 1_024;

    public NodeCoverage {
        cellsOwned = cellsOwned == null ? List.of() : List.copyOf(cellsOwned);
        cellsDone = cellsDone == null ? List.of() : List.copyOf(cellsDone);
        lostNodes = lostNodes == null ? List.of() : List.copyOf(lostNodes);
        reallocatedCells = reallocatedCells == null ? List.of() : List.copyOf(reallocatedCells);
    }

    /** A node's report, with lists cut to what a plan can hold and indices outside the plan dropped. */
    public static NodeCoverage of(String nodeId, SwarmReport report, Instant at) {
        int total = report.getCellsTotal();
        return new NodeCoverage(nodeId, report.getPlanVersion(), total, cells(report.getCellsOwnedList(), total),
                cells(report.getCellsDoneList(), total), Math.min(report.getCellsCovered(), total),
                report.getLostNodesList().stream().limit(1_024).map(NodeCoverage::cut).toList(),
                cells(report.getReallocatedCellsList(), total), cut(report.getDigest()), cut(report.getDivergence()),
                at);
    }

    private static List<Integer> cells(List<Integer> cells, int total) {
        return cells.stream().limit(MAX_LISTED).filter(c -> c >= 0 && c < total).toList();
    }

    private static String cut(String s) {
        return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
    }
}
