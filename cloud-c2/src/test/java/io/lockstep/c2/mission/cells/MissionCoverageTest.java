package io.lockstep.c2.mission.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.c2.mission.NodeMissionStatus;
import io.lockstep.proto.v1.MissionState;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.SwarmReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What C2 makes of the nodes' coverage reports: per-node cells, reallocated cells, overall coverage, state. */
class MissionCoverageTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    static NodeCoverage report(String node, int covered, List<Integer> done, List<String> lost,
            List<Integer> reallocated) {
        return NodeCoverage.of(node, SwarmReport.newBuilder().setPlanVersion(1).setCellsTotal(10)
                .addAllCellsDone(done).setCellsCovered(covered).addAllLostNodes(lost)
                .addAllReallocatedCells(reallocated).build(), NOW);
    }

    static NodeMissionStatus status(String node, NodeMissionState state) {
        return new NodeMissionStatus(node, state, 100, List.of(), "", "", NOW);
    }

    @Test
    void survivorsThatCoveredEveryCellCompleteTheMissionWithoutTheLostNode() {
        MissionCoverage coverage = MissionCoverage.of(Map.of(
                "a", report("a", 10, List.of(0, 1, 2, 6), List.of("b"), List.of(6)),
                "b", report("b", 3, List.of(3, 4, 5), List.of(), List.of()),
                "c", report("c", 10, List.of(7, 8, 9), List.of("b"), List.of())));
        assertEquals(100.0, coverage.coveragePercent());
        assertEquals(List.of(6), coverage.reallocatedCells());
        assertEquals(List.of("b"), coverage.lostNodes());
        assertEquals(List.of(0, 1, 2, 6), coverage.nodes().get("a").cellsDone());
        Map<String, NodeMissionStatus> statuses = Map.of("a", status("a", NodeMissionState.COMPLETED),
                "b", status("b", NodeMissionState.RUNNING), "c", status("c", NodeMissionState.COMPLETED));
        assertEquals(MissionState.MISSION_COMPLETED, coverage.adjust(MissionState.IN_PROGRESS, statuses));
    }

    @Test
    void aNodeNobodyReportedLostOrCellsStillOpenKeepTheMissionInProgress() {
        Map<String, NodeMissionStatus> statuses = Map.of("a", status("a", NodeMissionState.COMPLETED),
                "b", status("b", NodeMissionState.RUNNING));
        MissionCoverage notLost = MissionCoverage.of(Map.of("a", report("a", 10, List.of(), List.of(), List.of())));
        assertEquals(MissionState.IN_PROGRESS, notLost.adjust(MissionState.IN_PROGRESS, statuses));
        MissionCoverage open = MissionCoverage.of(Map.of("a", report("a", 9, List.of(), List.of("b"), List.of())));
        assertFalse(open.complete());
        assertEquals(90.0, open.coveragePercent());
        assertEquals(MissionState.IN_PROGRESS, open.adjust(MissionState.IN_PROGRESS, statuses));
        assertEquals(MissionState.MISSION_FAILED, open.adjust(MissionState.MISSION_FAILED, statuses));
    }

    @Test
    void coverageIsNeverBelowTheCellsTheNodesReportDone() {
        MissionCoverage coverage = MissionCoverage.of(Map.of(
                "a", report("a", 2, List.of(0, 1, 2), List.of(), List.of()),
                "b", report("b", 2, List.of(3, 4), List.of(), List.of())));
        assertEquals(5, coverage.cellsCovered());
        assertEquals(50.0, coverage.coveragePercent());
    }

    @Test
    void aForgedReportCannotMakeC2StoreCellsOutsideThePlan() {
        NodeCoverage r = NodeCoverage.of("a", SwarmReport.newBuilder().setCellsTotal(4).setCellsCovered(99)
                .addAllCellsDone(List.of(-1, 0, 3, 4, 1_000_000)).setDivergence("x".repeat(10_000)).build(), NOW);
        assertEquals(List.of(0, 3), r.cellsDone());
        assertEquals(4, r.cellsCovered());
        assertTrue(r.divergence().length() <= NodeCoverage.MAX_TEXT);
    }
}
