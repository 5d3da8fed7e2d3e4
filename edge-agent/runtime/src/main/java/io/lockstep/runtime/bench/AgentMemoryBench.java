package io.lockstep.runtime.bench;

import io.lockstep.runtime.MissionRuntime;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.function.Consumer;

/**
 * Heap per agent instance: the growth of the used heap when a fleet of survey agents is built and
 * initialized, divided by the fleet size. The compiled module is shared (and warmed before measuring), so
 * this is what one more agent costs: its linear memory, Chicory instance and host state.
 */
final class AgentMemoryBench {
    private AgentMemoryBench() {
    }

    static Rounds kibPerAgent(int agents, int rounds, Consumer<String> progress) {
        try (MissionRuntime warm = SurveyBench.fleet(1, null, 1).build()) {
            warm.tick(new SurveyWorld().next());
        }
        double[] values = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long before = usedAfterGc();
            try (MissionRuntime rt = SurveyBench.fleet(agents, null).build()) {
                rt.tick(new SurveyWorld().next());
                long after = usedAfterGc();
                values[r] = (after - before) / 1024.0 / agents;
            }
            progress.accept(String.format("  memory round %d/%d: %.1f KiB per agent", r + 1, rounds, values[r]));
        }
        return Rounds.of(values, true);
    }

    private static long usedAfterGc() {
        MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // Several collections: the first may leave garbage that a concurrent phase frees only later.
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, bean.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
