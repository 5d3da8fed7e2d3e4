package io.lockstep.c2.approval;

import java.util.List;
import java.util.Map;

/**
 * What the fleet simulator predicts for a mission (io.lockstep.swarm.sim.MissionSimulation.Result).
 *
 * @param predictedDurationMs simulated time until the last cell was covered (the tick limit when never)
 * @param interventions the safety supervisors' interventions by kind, over all simulated nodes
 * @param fuelByAgent fuel each agent used, summed over the nodes
 * @param faults agent faults ({@code node/agent: reason at tick N})
 * @param problems why the simulation failed; empty when it succeeded
 * @param journal directory of the simulated nodes' journals (C2's data dir), replayable with lockstep replay
 */
public record SimulationOutcome(long ticks, long predictedDurationMs, int cellsTotal, int cellsCovered,
        double coveragePercent, Map<String, Long> interventions, Map<String, Long> fuelByAgent, List<String> faults,
        List<String> problems, String journal, List<String> journals, String reportDigest) {
}
