package io.lockstep.runtime.engine;

import io.lockstep.runtime.AgentState;
import java.util.SortedMap;

/**
 * Everything needed to rebuild one agent at a snapshot: lifecycle, host-side state and the instance's
 * memory and globals.
 *
 * @param memory       the whole linear memory ({@code pages * 65536} bytes)
 * @param memorySha256 SHA-256 of {@code memory}, taken when the snapshot was captured; checked when the
 *                     snapshot is decoded and again after it is restored into a fresh instance
 * @param globals      value of every global by index (only mutable ones are restored)
 * @param reportedFuel the fuel status reports show for the agent at the snapshot: that tick's, or for a DONE or
 *                     FAULTED agent the fuel of the last tick it ran in (0 in snapshots written before this was
 *                     recorded)
 */
public record AgentStateData(String name, AgentState state, String fault, int progressPermille, long rngState,
                             long lastEmitSeq, int memoryPages, byte[] memory, byte[] memorySha256, long[] globals,
                             SortedMap<String, byte[]> kv, long reportedFuel) {

    /** SHA-256 of a memory image. */
    public static byte[] sha256(byte[] memory) {
        return Hashing.sha256().digest(memory);
    }
}
