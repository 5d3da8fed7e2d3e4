package io.lockstep.runtime;

import java.util.Optional;

/**
 * Node-wide admission for agent linear memory. A mission's memory budget is what its agents may grow to in the
 * worst case: agents × the mission's page limit × 64 KiB. Every agent's page limit is enforced by the metering
 * pass (a declared maximum above it is lowered, so {@code memory.grow} beyond it returns -1 in every mode and
 * on replay), so a mission can never hold more than its budget; a node admits a mission only when that budget
 * fits the node's agent-memory budget, which it advertises in its Hello and C2 checks at dispatch. This keeps
 * growth within the documented limits from exhausting the node's heap without making {@code memory.grow}
 * depend on anything outside the mission (such as other agents' timing), which would break replay.
 */
public final class MemoryBudget {
    /** Bytes of one Wasm page. */
    public static final long PAGE_BYTES = 64 * 1024;
    /**
     * Share of the JVM's maximum heap a node gives agent memories by default: snapshots copy every memory and
     * encode it once more, so the heap must hold about three times the agents' memory at a snapshot.
     */
    public static final int DEFAULT_HEAP_DIVISOR = 4;

    private MemoryBudget() {
    }

    /** The most linear memory a mission's agents can hold together. */
    public static long missionBytes(int agents, int maxMemoryPages) {
        return agents * (long) maxMemoryPages * PAGE_BYTES;
    }

    /** A node's default agent-memory budget: a quarter of the maximum heap of this JVM. */
    public static long nodeDefaultBytes() {
        return Runtime.getRuntime().maxMemory() / DEFAULT_HEAP_DIVISOR;
    }

    /** Why the mission does not fit {@code budgetBytes}, or empty when it does. */
    public static Optional<String> problem(int agents, int maxMemoryPages, long budgetBytes) {
        long needed = missionBytes(agents, maxMemoryPages);
        if (needed > budgetBytes) {
            return Optional.of("the mission's agents may grow to " + needed + " bytes of memory (" + agents
                    + " agents x " + maxMemoryPages + " pages x 64 KiB), over the node's agent memory budget of "
                    + budgetBytes + " bytes; lower max_memory_pages or use fewer agents per node");
        }
        return Optional.empty();
    }
}
