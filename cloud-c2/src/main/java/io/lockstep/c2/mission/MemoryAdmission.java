package io.lockstep.c2.mission;

import io.lockstep.c2.fleet.NodeRecord;
import io.lockstep.runtime.MemoryBudget;
import io.lockstep.runtime.RuntimeLimits;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses to dispatch a mission to a node whose advertised agent-memory budget it does not fit, with the
 * node's own rule ({@link MemoryBudget}): the node would refuse the assignment anyway, after C2 had already
 * recorded the dispatch. Nodes that advertise no budget (older nodes) are left to refuse on their own.
 */
final class MemoryAdmission {

    private MemoryAdmission() {
    }

    /** @throws MissionConflictException naming the first node the mission does not fit and the limit */
    static void check(MissionSpec spec, List<String> nodeIds, Map<String, NodeRecord.Capabilities> capabilities) {
        int agents = spec.agents() == null ? 0 : spec.agents().size();
        int pages = pages(spec.limits());
        for (String nodeId : nodeIds) {
            long budget = Optional.ofNullable(capabilities.get(nodeId))
                    .map(NodeRecord.Capabilities::agentMemoryBudgetBytes).orElse(0L);
            if (budget <= 0) {
                continue;
            }
            Optional<String> problem = MemoryBudget.problem(agents, pages, budget);
            if (problem.isPresent()) {
                throw new MissionConflictException("node '" + nodeId + "' cannot admit this mission: "
                        + problem.get());
            }
        }
    }

    /** The page limit the node will run the mission with: the mission's, or the runtime default. */
    private static int pages(LimitsSpec limits) {
        Long pages = limits == null ? null : limits.maxMemoryPages();
        return pages == null || pages <= 0 || pages > RuntimeLimits.WASM_MAX_MEMORY_PAGES
                ? RuntimeLimits.DEFAULT_MAX_MEMORY_PAGES : pages.intValue();
    }
}
