package io.lockstep.edge.swarm;

import io.lockstep.edge.mission.LocalFrame;
import io.lockstep.proto.v1.Cell;
import io.lockstep.proto.v1.CellPlan;
import io.lockstep.swarm.allocation.NodeIds;
import java.util.ArrayList;
import java.util.List;

/**
 * A mission's cell plan as the node uses it: the plan version, the nodes it was dispatched to, and
 * each cell's bounding box in the mission's local frame ({@code minX, minY, maxX, maxY}, metres).
 * Building one is where a malformed plan is refused.
 */
public final class CellMap {

    public static final int MAX_CELLS = io.lockstep.swarm.cells.CellPlan.MAX_CELLS;
    public static final int MAX_NODES = io.lockstep.swarm.allocation.MembershipView.MAX_MEMBERS;
    private static final int MAX_OUTLINE_POINTS = 64;

    private final String missionId;
    private final long version;
    private final List<String> nodes;
    private final double[][] boxes;

    private CellMap(String missionId, long version, List<String> nodes, double[][] boxes) {
        this.missionId = missionId;
        this.version = version;
        this.nodes = List.copyOf(nodes);
        this.boxes = boxes;
    }

    /** @throws IllegalArgumentException naming what is wrong with the plan */
    public static CellMap of(String missionId, CellPlan plan, LocalFrame frame) {
        int n = plan.getCellsCount();
        if (n == 0 || n > MAX_CELLS) {
            throw new IllegalArgumentException("a cell plan needs 1.." + MAX_CELLS + " cells, got " + n);
        }
        if (plan.getNodesCount() == 0 || plan.getNodesCount() > MAX_NODES) {
            throw new IllegalArgumentException("a cell plan needs 1.." + MAX_NODES + " nodes, got "
                    + plan.getNodesCount());
        }
        List<String> nodes = new ArrayList<>();
        for (String node : plan.getNodesList()) {
            try {
                NodeIds.require(node);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cell plan node '" + node + "': " + e.getMessage());
            }
            if (nodes.contains(node)) {
                throw new IllegalArgumentException("cell plan node '" + node + "' is listed twice");
            }
            nodes.add(node);
        }
        double[][] boxes = new double[n][];
        for (int i = 0; i < n; i++) {
            Cell cell = plan.getCells(i);
            if (cell.getIndex() != i) {
                throw new IllegalArgumentException("cell at position " + i + " has index " + cell.getIndex());
            }
            int coords = cell.getOutlineE7Count();
            if (coords < 6 || coords % 2 != 0 || coords > 2 * MAX_OUTLINE_POINTS) {
                throw new IllegalArgumentException("cell " + i + " needs 3.." + MAX_OUTLINE_POINTS
                        + " lat/lon pairs, got " + coords + " numbers");
            }
            double minX = Double.POSITIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < coords; k += 2) {
                double[] xy = frame.toLocal(cell.getOutlineE7(k) / 1e7, cell.getOutlineE7(k + 1) / 1e7);
                minX = Math.min(minX, xy[0]);
                minY = Math.min(minY, xy[1]);
                maxX = Math.max(maxX, xy[0]);
                maxY = Math.max(maxY, xy[1]);
            }
            boxes[i] = new double[] {minX, minY, maxX, maxY};
        }
        return new CellMap(missionId, plan.getVersion(), nodes, boxes);
    }

    public String missionId() {
        return missionId;
    }

    public long version() {
        return version;
    }

    /** The nodes the mission was dispatched to: the initial membership. */
    public List<String> nodes() {
        return nodes;
    }

    public int size() {
        return boxes.length;
    }

    /** {@code minX, minY, maxX, maxY} of cell {@code index}, local frame. */
    public double[] box(int index) {
        return boxes[index].clone();
    }
}
