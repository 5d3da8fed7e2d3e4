package io.lockstep.swarm.sim;

import io.lockstep.runtime.AgentDefinition;
import io.lockstep.runtime.InferenceService;
import io.lockstep.runtime.RuntimeLimits;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A real mission's agents for every simulated node, instead of the built-in {@code hello} agent: the
 * mission's modules, parameters and grants under its limits, each node's inference from {@code inference},
 * a safety supervisor in front of every vehicle, and optionally a journal per node in {@code journalDir}.
 *
 * @param tickLimitEndsMission the simulation's tick limit is the mission's own {@code maxTicks}: a node completes
 *     the mission there (MissionRun: "reached max_ticks"), so agents still running at that tick are no failure.
 *     False when the limit is only the simulator's horizon for a mission without one.
 */
public record MissionAgents(List<AgentDefinition> agents, RuntimeLimits limits, Supplier<InferenceService> inference,
                            Optional<Path> journalDir, boolean tickLimitEndsMission) {

    public MissionAgents(List<AgentDefinition> agents, RuntimeLimits limits, Supplier<InferenceService> inference,
                         Optional<Path> journalDir) {
        this(agents, limits, inference, journalDir, false);
    }

    public MissionAgents {
        agents = List.copyOf(agents);
        if (agents.isEmpty()) {
            throw new IllegalArgumentException("a mission has at least one agent");
        }
    }
}
