package io.lockstep.runtime.engine;

import io.lockstep.runtime.AgentState;

/**
 * What one agent contributes to a tick's fingerprint. Journaled per tick so replay can name the component
 * that differed.
 *
 * @param memoryCrc    CRC32C of the whole linear memory
 * @param globalsHash  digest of all mutable globals
 * @param kvHash       digest of the key/value store
 * @param outputsHash  digest of the tick's emits, velocity request, logs and inference calls
 */
public record AgentDigest(AgentState state, String fault, long fuelUsed, int progressPermille, int memoryPages,
                          int memoryCrc, long globalsHash, long kvHash, long outputsHash) {

    /** Names every component that differs from {@code replayed}, journal value first; empty when none do. */
    public String differences(AgentDigest replayed) {
        StringBuilder sb = new StringBuilder();
        if (state != replayed.state || !fault.equals(replayed.fault)) {
            append(sb, "state", state + (fault.isEmpty() ? "" : " " + fault),
                    replayed.state + (replayed.fault.isEmpty() ? "" : " " + replayed.fault));
        }
        if (fuelUsed != replayed.fuelUsed) {
            append(sb, "fuel used", Long.toString(fuelUsed), Long.toString(replayed.fuelUsed));
        }
        if (progressPermille != replayed.progressPermille) {
            append(sb, "progress", Integer.toString(progressPermille), Integer.toString(replayed.progressPermille));
        }
        if (memoryPages != replayed.memoryPages) {
            append(sb, "memory pages", Integer.toString(memoryPages), Integer.toString(replayed.memoryPages));
        }
        if (memoryCrc != replayed.memoryCrc) {
            append(sb, "memory digest", hex(memoryCrc), hex(replayed.memoryCrc));
        }
        if (globalsHash != replayed.globalsHash) {
            append(sb, "globals digest", hex(globalsHash), hex(replayed.globalsHash));
        }
        if (kvHash != replayed.kvHash) {
            append(sb, "kv store digest", hex(kvHash), hex(replayed.kvHash));
        }
        if (outputsHash != replayed.outputsHash) {
            append(sb, "outputs digest (emits, velocity, logs, inference)", hex(outputsHash), hex(replayed.outputsHash));
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String what, String journal, String replay) {
        if (sb.length() > 0) {
            sb.append("; ");
        }
        sb.append(what).append(": journal ").append(journal).append(", replay ").append(replay);
    }

    private static String hex(long v) {
        return String.format("%016x", v);
    }

    private static String hex(int v) {
        return String.format("%08x", v);
    }
}
