package io.lockstep.c2.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.mission.GeoPoint;
import io.lockstep.c2.mission.MissionRecord;
import io.lockstep.c2.mission.MissionService;
import io.lockstep.swarm.cells.Cell;
import io.lockstep.swarm.cells.CellSize;
import io.lockstep.swarm.cells.GridDecomposition;
import io.lockstep.swarm.cells.PointE7;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /api/v1/missions/{id}/cells}: the outlines of a mission's cells, so the dashboard colours the
 * cells the nodes report by index without re-implementing the decomposition. The same computation as
 * {@code CellPlanner} at dispatch (same area, same configured cell size, so the same cells).
 */
@Path("/api/v1/missions/{id}/cells")
@Produces(MediaType.APPLICATION_JSON)
public class MissionCellsResource {

    public record CellView(int index, List<GeoPoint> outline, GeoPoint centroid) {
    }

    @Schema(example = "{\"missionId\": \"5df9ebf8-ac56-4a9a-a594-dfb23734d1e3\", \"cellSizeM\": 20.0, \"cells\": [{\"index\": 0, \"outline\": [{\"lat\": 47.0, \"lon\": 8.0}, {\"lat\": 47.0, \"lon\": 8.0002634}, {\"lat\": 47.0001797, \"lon\": 8.0002634}, {\"lat\": 47.0001797, \"lon\": 8.0}], \"centroid\": {\"lat\": 47.0000898, \"lon\": 8.0001317}}, {\"index\": 1, \"outline\": [{\"lat\": 47.0, \"lon\": 8.0002634}, {\"lat\": 47.0, \"lon\": 8.0005268}, {\"lat\": 47.0001797, \"lon\": 8.0005268}, {\"lat\": 47.0001797, \"lon\": 8.0002634}], \"centroid\": {\"lat\": 47.0000898, \"lon\": 8.0003951}}], \"detail\": \"\"}")
    public record CellsView(String missionId, double cellSizeM, List<CellView> cells, String detail) {
    }

    private final MissionService missions;
    private final double cellSizeM;

    public MissionCellsResource(MissionService missions, C2Config config) {
        this.missions = missions;
        this.cellSizeM = config.swarm().cellSizeM();
    }

    @GET
    @RolesAllowed("viewer")
    public CellsView cells(@PathParam("id") String id) {
        MissionRecord mission = missions.get(PathIds.check("mission id", id));
        List<PointE7> area = mission.spec().area().stream()
                .map(p -> new PointE7((int) Math.round(p.lat() * 1e7), (int) Math.round(p.lon() * 1e7))).toList();
        try {
            List<Cell> cells = GridDecomposition.decompose(area, CellSize.ofMetres(cellSizeM, area.get(0).latE7()));
            return new CellsView(id, cellSizeM, cells.stream().map(MissionCellsResource::view).toList(), "");
        } catch (IllegalArgumentException e) {
            // The area is flown without cells (see CellPlanner); say why instead of failing.
            return new CellsView(id, cellSizeM, List.of(), e.getMessage());
        }
    }

    private static CellView view(Cell cell) {
        return new CellView(cell.index(), cell.polygon().stream().map(MissionCellsResource::geo).toList(),
                geo(cell.centroid()));
    }

    private static GeoPoint geo(PointE7 point) {
        return new GeoPoint(point.latE7() / 1e7, point.lonE7() / 1e7);
    }
}
