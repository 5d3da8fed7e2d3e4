package io.lockstep.swarm.sim;

import io.lockstep.platform.safety.InterventionKind;
import io.lockstep.runtime.ExecutionMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * Simulation before dispatch: one fault-free run of a real mission (its area, its agents' modules,
 * parameters and grants, its limits, the node count and the world) in the deterministic fleet simulator.
 * Every node runs the mission's agents in the deterministic runtime behind a safety supervisor, and the
 * agents fly the vehicles as on an edge node: same vehicle model, same {@code swarm.cells} event, and a cell
 * is covered when an agent reports it (the survey agent: after flying its lanes over the cell). The mission
 * ends when every node's agents have finished. Same request, same result.
 */
public final class MissionSimulation {

    private MissionSimulation() {
    }

    /** {@code onTick} hears every simulated tick (for progress); the run ends at the mission's tick limit. */
    public static Result run(SimMission mission, int nodes, long seed, MissionAgents agents, LongConsumer onTick) {
        SimConfig config = new SimConfig(mission, nodes, seed, FaultSpec.none(), true, ExecutionMode.COMPILED);
        FleetSimulator simulator = new FleetSimulator(config, null, agents, onTick);
        SimReport report = simulator.run();
        Map<String, Long> fuel = new TreeMap<>();
        Map<InterventionKind, Long> interventions = new EnumMap<>(InterventionKind.class);
        List<String> faults = new ArrayList<>();
        List<String> journals = new ArrayList<>();
        long hazardsShared = 0;
        boolean anyFinder = false;
        boolean avoidedByPeer = false;
        for (SimNode node : simulator.nodes()) {
            long[] hazards = simulator.hazardCounts(node.index);
            hazardsShared += hazards[0];
            anyFinder |= hazards[0] > 0;
            avoidedByPeer |= hazards[1] > 0 && node.supervisor != null
                    && node.supervisor.counts().getOrDefault(InterventionKind.HAZARD_KEEP_OUT, 0L) > 0;
            node.fuelByAgent.forEach((agent, used) -> fuel.merge(agent, used, Long::sum));
            if (node.supervisor != null) {
                node.supervisor.counts().forEach((kind, count) -> interventions.merge(kind, count, Long::sum));
            }
            faults.addAll(node.faults);
            node.journals.forEach(j -> journals.add(j.toString()));
        }
        int cells = report.json().get("cells").asInt();
        int covered = report.json().get("cellsCovered").asInt();
        long completeTick = report.json().get("missionCompleteTick").asLong();
        long ticks = completeTick < 0 ? report.ticks() : completeTick + 1;
        List<String> problems = new ArrayList<>(report.violations());
        faults.forEach(f -> problems.add("agent fault " + f));
        Map<String, Long> byKind = new TreeMap<>();
        interventions.forEach((kind, count) -> {
            if (count > 0) {
                byKind.put(kind.name(), count);
            }
        });
        return new Result(problems.isEmpty(), ticks, ticks * mission.tickSeconds(), cells, covered,
                cells == 0 ? 0 : Math.round(1000.0 * covered / cells) / 10.0, byKind, fuel, faults, problems,
                journals, report.digest(), simulator.agentsWorkCells(), mission.tickPeriodMs(),
                paths(simulator.predictedPaths()), simulator.cellCoverage(), hazardsShared, anyFinder && avoidedByPeer);
    }

    private static Map<String, List<PathPoint>> paths(Map<String, List<PredictedPaths.Point>> raw) {
        Map<String, List<PathPoint>> out = new TreeMap<>();
        raw.forEach((node, points) -> out.put(node, points.stream()
                .map(p -> new PathPoint(p.tick(), round(p.x()), round(p.y()))).toList()));
        return out;
    }

    /** Centimetres are plenty for a map and keep the stored result small. */
    private static double round(double metres) {
        return Math.round(metres * 100) / 100.0;
    }

    /** One point of a node's predicted path: simulated tick, position in the mission's local frame (metres). */
    public record PathPoint(long tick, double x, double y) {
    }

    /**
     * When a cell was covered in the simulation.
     *
     * @param tick the simulated tick its covering agent reported it (-1: never)
     * @param node the node whose agent reported it first (null: never)
     */
    public record CellCoverage(int cell, long tick, String node) {
    }

    /**
     * @param succeeded every node's agents finished within the tick limit, no agent fault, no simulator
     *        invariant broken, and every cell covered when the agents take cells
     * @param ticks ticks until every node's agents had finished (the tick limit when they never did)
     * @param predictedSeconds {@code ticks} times the tick period
     * @param interventions safety supervisor interventions by kind, over every node (only kinds that happened)
     * @param fuelByAgent fuel every agent used, summed over the nodes
     * @param faults agent faults, {@code node/agent: reason at tick N}
     * @param problems why the simulation did not succeed (empty when it did)
     * @param journals the nodes' journals, replayable with {@code lockstep replay}
     * @param reportDigest SHA-256 of the simulator's report: equal requests give equal digests
     * @param cellsRequired whether the mission's agents take cells, so every cell must be covered to succeed
     * @param tickPeriodMs the simulated tick period (a path point's tick times it is mission time)
     * @param paths node id → its predicted path, about one point per second, at most 600 points per node
     * @param cellCoverage per cell (plan order), when and by whom it was covered
     * @param hazardsShared hazards the nodes found and shared with their peers (scout detections, obstacle stops)
     * @param hazardFoundByOneAvoidedByAnother some node shared a hazard and another node, having received one,
     *        was kept out of a hazard by its supervisor
     */
    public record Result(boolean succeeded, long ticks, double predictedSeconds, int cellsTotal, int cellsCovered,
                         double coveragePercent, Map<String, Long> interventions, Map<String, Long> fuelByAgent,
                         List<String> faults, List<String> problems, List<String> journals, String reportDigest,
                         boolean cellsRequired, int tickPeriodMs, Map<String, List<PathPoint>> paths,
                         List<CellCoverage> cellCoverage, long hazardsShared,
                         boolean hazardFoundByOneAvoidedByAnother) {
    }
}
