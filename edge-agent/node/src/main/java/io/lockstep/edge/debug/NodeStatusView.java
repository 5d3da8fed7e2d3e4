package io.lockstep.edge.debug;

import io.lockstep.edge.swarm.SwarmView;
import io.lockstep.runtime.AgentSnapshot;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /debug/v1/status}: the node at a glance.
 *
 * @param nodeId this node
 * @param linkState DISCONNECTED, CONNECTING, CONNECTED or CLOSED
 * @param missionId current (or last) mission, empty when none
 * @param missionState its state on this node
 * @param detail why it is in that state
 * @param tick last completed tick (-1 before the first)
 * @param fingerprint state fingerprint after that tick
 * @param journal path of the mission's journal file
 * @param agents per-agent state
 * @param interventions supervisor interventions by kind
 * @param inferenceCalls inference calls over the mission
 * @param emergencyStopLatched whether the e-stop is latched
 * @param paused paused from the debug port
 * @param linkLossPolicyInEffect offline policy applied now
 * @param swarm this node's share of a cell mission (null without a cell plan): cells owned and done,
 *        members, lost nodes, cells taken over, agreement digest
 * @param alerts standing alerts, e.g. a swarm divergence that outlasted the settle window
 */
public record NodeStatusView(String nodeId, String linkState, String missionId, String missionState, String detail,
        long tick, String fingerprint, String journal, List<AgentSnapshot> agents, Map<String, Long> interventions,
        long inferenceCalls, boolean emergencyStopLatched, boolean paused, String linkLossPolicyInEffect,
        SwarmView swarm, List<String> alerts) {
}
