package io.lockstep.runtime.engine;

/**
 * Bytes of an agent's linear memory starting at {@code offset}: in a snapshot, a stretch where the memory
 * differs from the base it is restored over.
 */
public record MemoryRun(int offset, byte[] data) {
}
