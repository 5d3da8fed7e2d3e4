package io.lockstep.runtime.engine;

import java.util.List;

/**
 * An agent's linear memory as a snapshot stores it: the runs of bytes that differ from a base memory, so a
 * snapshot of an agent that changed a few KiB of its memory holds those KiB, not every page.
 *
 * @param pages      memory size in 64 KiB pages
 * @param baseSha256 SHA-256 of the base: the module's fresh memory (zeros and its active data segments, as a
 *                   new instance has it before any code runs); null when the base is all zeros (snapshots of
 *                   the older, whole-memory layout)
 * @param runs       ascending, non-overlapping, inside {@code pages * 65536} bytes; every other byte equals the base
 * @param crc32c     CRC32C of the whole memory (the value the fingerprint's memory digest uses), checked after
 *                   the runs are applied
 */
public record SnapshotMemory(int pages, byte[] baseSha256, List<MemoryRun> runs, int crc32c) {
    public SnapshotMemory {
        runs = List.copyOf(runs);
    }

    /** Bytes the runs hold. */
    public long storedBytes() {
        long n = 0;
        for (MemoryRun r : runs) {
            n += r.data().length;
        }
        return n;
    }
}
