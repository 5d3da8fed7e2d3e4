package io.lockstep.runtime.engine;

import io.lockstep.runtime.AgentState;
import java.util.SortedMap;

/**
 * Everything needed to rebuild one agent at a snapshot: lifecycle, host-side state and the instance's
 * memory and globals.
 *
 * @param memory       the linear memory as the bytes that differ from its base, with a check of the whole
 * @param globals      value of every global by index (only mutable ones are restored)
 * @param reportedFuel the fuel status reports show for the agent at the snapshot: that tick's, or for a DONE or
 *                     FAULTED agent the fuel of the last tick it ran in (0 in snapshots written before this was
 *                     recorded)
 */
public record AgentStateData(String name, AgentState state, String fault, int progressPermille, long rngState,
                             long lastEmitSeq, SnapshotMemory memory, long[] globals,
                             SortedMap<String, byte[]> kv, long reportedFuel) {

    /** Memory size in 64 KiB pages. */
    public int memoryPages() {
        return memory.pages();
    }
}
