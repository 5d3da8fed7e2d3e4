package io.lockstep.edge.mission;

import io.lockstep.runtime.AgentSnapshot;
import java.util.List;

/**
 * Told about every agent tick the node's loop ran: how long it took on the wall clock (sensors, runtime,
 * supervisor, vehicle) and the agents' state after it. Measured by the loop, outside the deterministic core.
 * Called on the mission's thread; must be quick and must not throw.
 */
public interface TickObserver {

    TickObserver NONE = (missionId, wallNanos, agents) -> { };

    void ticked(String missionId, long wallNanos, List<AgentSnapshot> agents);
}
