package io.lockstep.c2.mission.cells;

import io.lockstep.c2.mission.NodeMissionStatus;
import io.lockstep.proto.v1.MissionState;
import io.lockstep.proto.v1.NodeMissionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A cell mission's coverage as C2 learns it from the nodes' reports: per node what it owns and did,
 * the cells reallocated from lost nodes, and the mission's overall coverage (the most any node knows of,
 * and never less than the union of the cells the nodes report done).
 *
 * @param nodes per-node reports, by node id
 */
public record MissionCoverage(int cellsTotal, int cellsCovered, double coveragePercent, List<Integer> reallocatedCells,
        List<String> lostNodes, List<String> divergences, Map<String, NodeCoverage> nodes) {

    public static MissionCoverage of(Map<String, NodeCoverage> reports) {
        int total = 0;
        int covered = 0;
        Set<Integer> done = new TreeSet<>();
        Set<Integer> reallocated = new TreeSet<>();
        Set<String> lost = new TreeSet<>();
        List<String> divergences = new ArrayList<>();
        for (NodeCoverage r : reports.values()) {
            total = Math.max(total, r.cellsTotal());
            covered = Math.max(covered, r.cellsCovered());
            done.addAll(r.cellsDone());
            reallocated.addAll(r.reallocatedCells());
            lost.addAll(r.lostNodes());
            if (!r.divergence().isEmpty()) {
                divergences.add(r.nodeId() + ": " + r.divergence());
            }
        }
        covered = Math.min(total, Math.max(covered, done.size()));
        double percent = total == 0 ? 0 : Math.floor(1000.0 * covered / total) / 10.0;
        return new MissionCoverage(total, covered, percent, List.copyOf(reallocated), List.copyOf(lost),
                List.copyOf(divergences), new java.util.TreeMap<>(reports));
    }

    public boolean complete() {
        return cellsTotal > 0 && cellsCovered == cellsTotal;
    }

    /**
     * The mission state once the nodes' coverage is known: a cell mission whose cells are all covered,
     * where every node finished except nodes their peers saw lost (their cells were taken over), is
     * completed even though the lost nodes never report again.
     */
    public MissionState adjust(MissionState derived, Map<String, NodeMissionStatus> statuses) {
        if (derived != MissionState.IN_PROGRESS || !complete()) {
            return derived;
        }
        boolean anyCompleted = false;
        for (NodeMissionStatus status : statuses.values()) {
            if (status.state() == NodeMissionState.COMPLETED) {
                anyCompleted = true;
            } else if (!lostNodes.contains(status.nodeId()) || status.terminal()) {
                return derived;
            }
        }
        return anyCompleted ? MissionState.MISSION_COMPLETED : derived;
    }
}
