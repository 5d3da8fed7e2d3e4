package io.lockstep.runtime.engine;

import io.lockstep.runtime.AgentDefinition;
import io.lockstep.runtime.ExecutionMode;
import io.lockstep.runtime.RuntimeLimits;
import java.util.List;

/**
 * The whole setup of a mission on one node: enough to re-execute it with nothing else. It is the journal's
 * header record.
 *
 * @param agents    in run order, with module bytes
 * @param area      assigned area as x,y pairs in the local metric frame (metres)
 * @param rngSeeds  each agent's {@code rand_u64} seed, in run order
 */
public record MissionSetup(String missionId, String nodeId, List<AgentDefinition> agents, double[] area,
                           int shareIndex, int shareCount, RuntimeLimits limits, ExecutionMode mode,
                           long[] rngSeeds) {

    public MissionSetup {
        agents = List.copyOf(agents);
        area = area.clone();
        rngSeeds = rngSeeds.clone();
        if (rngSeeds.length != agents.size()) {
            throw new IllegalArgumentException("one rng seed per agent required");
        }
    }

    @Override
    public double[] area() {
        return area.clone();
    }

    @Override
    public long[] rngSeeds() {
        return rngSeeds.clone();
    }

    /** The same setup with another execution mode. */
    public MissionSetup withMode(ExecutionMode other) {
        return new MissionSetup(missionId, nodeId, agents, area, shareIndex, shareCount, limits, other, rngSeeds);
    }
}
