package io.lockstep.runtime.engine;

import io.lockstep.runtime.AgentDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a mission's agents into lanes that may run at the same time. Every agent is its own lane except the
 * agents granted {@code infer}: inference calls are journaled in call order and replay serves them in that
 * order, so those agents share one lane and run in mission order, as they would on one thread. The shared
 * lane comes first so that it starts early.
 */
final class AgentLanes {
    private AgentLanes() {
    }

    static List<int[]> of(List<AgentDefinition> agents) {
        List<Integer> ordered = new ArrayList<>();
        List<int[]> lanes = new ArrayList<>();
        for (int i = 0; i < agents.size(); i++) {
            if (agents.get(i).grant().grants("infer")) {
                ordered.add(i);
            } else {
                lanes.add(new int[] {i});
            }
        }
        if (!ordered.isEmpty()) {
            lanes.add(0, ordered.stream().mapToInt(Integer::intValue).toArray());
        }
        return List.copyOf(lanes);
    }
}
