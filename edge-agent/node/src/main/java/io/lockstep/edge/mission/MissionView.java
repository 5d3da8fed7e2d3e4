package io.lockstep.edge.mission;

import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.runtime.AgentSnapshot;
import io.lockstep.edge.swarm.SwarmView;
import java.util.List;
import java.util.Optional;

/**
 * A consistent snapshot of the node's current (or last) mission for status reports and the debug port.
 *
 * @param missionId the mission's id
 * @param state lifecycle state on this node
 * @param detail why it is in that state (empty when nothing to add)
 * @param tick the last completed tick (-1 before the first)
 * @param fingerprint hex state fingerprint after that tick (empty before the first)
 * @param journalPath where this mission's journal is written
 * @param agents per-agent state after the last tick
 * @param inferenceCalls inference calls made over the mission
 * @param paused paused from the debug port
 * @param linkLossPolicyInEffect the offline policy currently applied (CONTINUE when none)
 * @param overruns ticks that started late because the previous one overran its period
 * @param tickPeriodMs the fixed tick period
 * @param swarm the node's share of a cell mission (empty for a mission without a cell plan)
 */
public record MissionView(String missionId, NodeMissionState state, String detail, long tick, String fingerprint,
        String journalPath, List<AgentSnapshot> agents, long inferenceCalls, boolean paused,
        String linkLossPolicyInEffect, long overruns, int tickPeriodMs, Optional<SwarmView> swarm) {

    public MissionView {
        agents = List.copyOf(agents);
    }

    public MissionView(String missionId, NodeMissionState state, String detail, long tick, String fingerprint,
            String journalPath, List<AgentSnapshot> agents, long inferenceCalls, boolean paused,
            String linkLossPolicyInEffect, long overruns, int tickPeriodMs) {
        this(missionId, state, detail, tick, fingerprint, journalPath, agents, inferenceCalls, paused,
                linkLossPolicyInEffect, overruns, tickPeriodMs, Optional.empty());
    }

    public boolean terminal() {
        return MissionStates.isTerminal(state);
    }
}
