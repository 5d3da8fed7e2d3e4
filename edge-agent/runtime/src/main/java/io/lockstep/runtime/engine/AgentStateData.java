package io.lockstep.runtime.engine;

import io.lockstep.runtime.AgentState;
import java.util.SortedMap;

/**
 * Everything needed to rebuild one agent at a snapshot: lifecycle, host-side state and the instance's
 * memory and globals.
 *
 * @param memory       the whole linear memory ({@code pages * 65536} bytes)
 * @param globals      value of every global by index (only mutable ones are restored)
 */
public record AgentStateData(String name, AgentState state, String fault, int progressPermille, long rngState,
                             long lastEmitSeq, int memoryPages, byte[] memory, long[] globals,
                             SortedMap<String, byte[]> kv) {
}
