package io.lockstep.edge.mission;

import io.lockstep.edge.swarm.CellMap;
import io.lockstep.proto.v1.AgentSpec;
import io.lockstep.proto.v1.ExecutionLimits;
import io.lockstep.proto.v1.LinkLossPolicy;
import io.lockstep.proto.v1.Mission;
import io.lockstep.proto.v1.MissionAssignment;
import io.lockstep.proto.v1.ModelRef;
import io.lockstep.proto.v1.Polygon;
import io.lockstep.runtime.FuelCeiling;
import io.lockstep.runtime.MemoryBudget;
import io.lockstep.runtime.RuntimeLimits;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A validated assignment, in the units the node runs it with: the assigned area in the local frame,
 * the tick period, the runtime limits and the offline policy. Building one is where hostile or
 * malformed assignments are refused, before anything is fetched or instantiated.
 */
public record MissionPlan(
        MissionAssignment assignment,
        LocalFrame frame,
        double[] assignedArea,
        int shareIndex,
        int shareCount,
        int tickPeriodMs,
        long maxTicks,
        long deadlineUnixMs,
        RuntimeLimits limits,
        LinkLossPolicy linkLossPolicy,
        long linkLossTimeoutMs,
        Optional<CellMap> cells) {

    /** Upper bound on the tick period: slower than 1 Hz is not a control loop. */
    public static final int MAX_TICK_PERIOD_MS = FuelCeiling.MAX_TICK_PERIOD_MS;
    public static final int MAX_AGENTS = 64;

    public String missionId() {
        return assignment.getMission().getId();
    }

    public List<AgentSpec> agents() {
        return assignment.getMission().getAgentsList();
    }

    /**
     * Where the safety supervisor keeps the vehicle: the whole mission area when the nodes share its
     * cells (a node may take over any of them), else the node's assigned area.
     */
    public double[] geofence() {
        return cells.isPresent() ? frame.toLocalPairs(assignment.getMission().getArea()) : assignedArea;
    }

    public List<ModelRef> models() {
        return assignment.getMission().getModelsList();
    }

    /**
     * @param nodeId this node's id; an assignment addressed to another node is refused
     * @param defaultTickPeriodMs the node's period when the mission sets none
     * @param snapshotEvery snapshot interval for the runtime's journal
     */
    public static MissionPlan of(MissionAssignment assignment, String nodeId, int defaultTickPeriodMs,
            int snapshotEvery) {
        return of(assignment, nodeId, defaultTickPeriodMs, snapshotEvery, MemoryBudget.nodeDefaultBytes());
    }

    /**
     * @param memoryBudgetBytes the node's agent-memory budget: agents x max_memory_pages x 64 KiB must fit
     */
    public static MissionPlan of(MissionAssignment assignment, String nodeId, int defaultTickPeriodMs,
            int snapshotEvery, long memoryBudgetBytes) {
        Mission mission = assignment.getMission();
        if (mission.getId().isBlank()) {
            throw new InvalidAssignmentException("mission id is empty");
        }
        if (!assignment.getNodeId().isEmpty() && !assignment.getNodeId().equals(nodeId)) {
            throw new InvalidAssignmentException(
                    "assignment is for node " + assignment.getNodeId() + ", this is " + nodeId);
        }
        if (mission.getAgentsCount() == 0 || mission.getAgentsCount() > MAX_AGENTS) {
            throw new InvalidAssignmentException("a mission needs 1.." + MAX_AGENTS + " agents, got "
                    + mission.getAgentsCount());
        }
        Set<String> names = new HashSet<>();
        for (AgentSpec agent : mission.getAgentsList()) {
            if (!names.add(agent.getName())) {
                throw new InvalidAssignmentException("duplicate agent name " + agent.getName());
            }
            requireDigest(agent.getModuleSha256(), "agent " + agent.getName() + " module");
        }
        for (ModelRef model : mission.getModelsList()) {
            requireDigest(model.getSha256(), "model " + model.getName());
        }
        LocalFrame frame;
        double[] area;
        try {
            frame = LocalFrame.of(mission);
            Polygon assigned = assignment.hasAssignedArea() && assignment.getAssignedArea().getVerticesCount() > 0
                    ? assignment.getAssignedArea()
                    : mission.getArea();
            area = frame.toLocalPairs(assigned);
        } catch (IllegalArgumentException e) {
            throw new InvalidAssignmentException("bad area: " + e.getMessage(), e);
        }
        Optional<CellMap> cells;
        try {
            cells = assignment.hasCellPlan() ? Optional.of(CellMap.of(mission.getId(), assignment.getCellPlan(), frame))
                    : Optional.empty();
            if (cells.isPresent()) {
                frame.toLocalPairs(mission.getArea()); // the geofence of a cell mission: must be a polygon
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidAssignmentException("bad cell plan: " + e.getMessage(), e);
        }
        if (cells.isPresent() && !cells.get().nodes().contains(nodeId)) {
            throw new InvalidAssignmentException("the cell plan's nodes do not include this node " + nodeId);
        }
        int shareCount = assignment.getShareCount() == 0 ? 1 : assignment.getShareCount();
        if (assignment.getShareIndex() >= shareCount) {
            throw new InvalidAssignmentException("share_index " + assignment.getShareIndex()
                    + " is not below share_count " + shareCount);
        }
        ExecutionLimits limits = mission.getLimits();
        int period = limits.getTickPeriodMs() == 0 ? defaultTickPeriodMs : limits.getTickPeriodMs();
        if (period < 1 || period > MAX_TICK_PERIOD_MS) {
            throw new InvalidAssignmentException("tick_period_ms must be 1.." + MAX_TICK_PERIOD_MS + ", got " + period);
        }
        RuntimeLimits runtimeLimits;
        try {
            runtimeLimits = RuntimeLimits.defaults().withSnapshotEveryTicks(snapshotEvery);
            if (limits.getFuelPerTick() != 0) {
                runtimeLimits = runtimeLimits.withFuelPerTick(limits.getFuelPerTick());
            }
            if (limits.getMaxMemoryPages() != 0) {
                runtimeLimits = runtimeLimits.withMaxMemoryPages(limits.getMaxMemoryPages());
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidAssignmentException("bad limits: " + e.getMessage(), e);
        }
        // The hard stop of every tick, and the node's memory admission (docs/edge-node.md).
        FuelCeiling.problem(runtimeLimits.fuelPerTick(), period).ifPresent(why -> {
            throw new InvalidAssignmentException("bad limits: " + why);
        });
        MemoryBudget.problem(mission.getAgentsCount(), runtimeLimits.maxMemoryPages(), memoryBudgetBytes)
                .ifPresent(why -> {
                    throw new InvalidAssignmentException("not admitted: " + why);
                });
        LinkLossPolicy policy = switch (mission.getLinkLossPolicy()) {
            case HOLD, RETURN_TO_BASE, CONTINUE -> mission.getLinkLossPolicy();
            default -> LinkLossPolicy.CONTINUE;
        };
        return new MissionPlan(assignment, frame, area, assignment.getShareIndex(), shareCount, period,
                limits.getMaxTicks(), mission.getDeadlineUnixMs(), runtimeLimits, policy,
                Integer.toUnsignedLong(mission.getLinkLossTimeoutMs()), cells);
    }

    private static void requireDigest(String sha256, String what) {
        try {
            BlobCache.requireDigest(sha256);
        } catch (IllegalArgumentException e) {
            throw new InvalidAssignmentException(what + ": " + e.getMessage());
        }
    }
}
