package io.lockstep.c2.mission.cells;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.mission.GeoPoint;
import io.lockstep.proto.v1.Cell;
import io.lockstep.proto.v1.CellPlan;
import io.lockstep.swarm.cells.CellSize;
import io.lockstep.swarm.cells.GridDecomposition;
import io.lockstep.swarm.cells.PointE7;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Cuts a mission's area into the ordered, versioned list of cells every node of the mission receives
 * (swarm-core's {@link GridDecomposition}, cells of {@code lockstep.c2.swarm.cell-size-m}); the nodes
 * then allocate the cells among themselves. An area the decomposition refuses (too large, too many
 * cells) is dispatched without a plan: the nodes then fly their assigned strips as before.
 */
@ApplicationScoped
public class CellPlanner {

    private static final Logger LOG = Logger.getLogger(CellPlanner.class);
    /** The first plan of a mission; a re-plan would carry a higher one. */
    public static final long FIRST_VERSION = 1;

    private final double cellSizeM;

    @Inject
    public CellPlanner(C2Config config) {
        this(config.swarm().cellSizeM());
    }

    public CellPlanner(double cellSizeM) {
        this.cellSizeM = cellSizeM;
    }

    public Optional<CellPlan> plan(String missionId, List<GeoPoint> area, List<String> nodeIds) {
        io.lockstep.swarm.cells.CellPlan cells;
        try {
            List<PointE7> vertices = area.stream().map(CellPlanner::e7).toList();
            CellSize size = CellSize.ofMetres(cellSizeM, vertices.get(0).latE7());
            cells = GridDecomposition.plan(missionId, FIRST_VERSION, vertices, size);
        } catch (IllegalArgumentException e) {
            LOG.warnf("mission %s: no cell plan (%s); the nodes fly their assigned areas", missionId, e.getMessage());
            return Optional.empty();
        }
        if (cells.size() == 0) {
            LOG.warnf("mission %s: the area yields no cell; the nodes fly their assigned areas", missionId);
            return Optional.empty();
        }
        CellPlan.Builder plan = CellPlan.newBuilder().setVersion(cells.version()).addAllNodes(nodeIds);
        for (io.lockstep.swarm.cells.Cell cell : cells.cells()) {
            Cell.Builder wire = Cell.newBuilder().setIndex(cell.index());
            cell.polygon().forEach(p -> wire.addOutlineE7(p.latE7()).addOutlineE7(p.lonE7()));
            plan.addCells(wire);
        }
        return Optional.of(plan.build());
    }

    private static PointE7 e7(GeoPoint p) {
        return new PointE7((int) Math.round(p.lat() * 1e7), (int) Math.round(p.lon() * 1e7));
    }
}
