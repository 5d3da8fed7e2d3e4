package io.lockstep.c2.approval;

import java.util.List;
import java.util.Map;

/**
 * What the fleet simulator predicts for a mission (io.lockstep.swarm.sim.MissionSimulation.Result).
 *
 * @param predictedDurationMs simulated time until every node's agents had finished (the tick limit when never)
 * @param interventions the safety supervisors' interventions by kind, over all simulated nodes
 * @param fuelByAgent fuel each agent used, summed over the nodes
 * @param faults agent faults ({@code node/agent: reason at tick N})
 * @param problems why the simulation failed; empty when it succeeded
 * @param journal directory of the simulated nodes' journals (C2's data dir), replayable with lockstep replay
 * @param tickPeriodMs the simulated tick period
 * @param cellsRequired whether the mission's agents take cells (then every cell must be covered to succeed)
 * @param paths simulated node id → its predicted path (about one point per second, at most 600 per node)
 * @param cellCoverage per cell in plan order: when and by which simulated node it was covered
 */
public record SimulationOutcome(long ticks, long predictedDurationMs, int cellsTotal, int cellsCovered,
        double coveragePercent, Map<String, Long> interventions, Map<String, Long> fuelByAgent, List<String> faults,
        List<String> problems, String journal, List<String> journals, String reportDigest, int tickPeriodMs,
        boolean cellsRequired, Map<String, List<PredictedPoint>> paths, List<PredictedCell> cellCoverage) {

    public SimulationOutcome {
        paths = paths == null ? Map.of() : paths;
        cellCoverage = cellCoverage == null ? List.of() : cellCoverage;
    }
}
