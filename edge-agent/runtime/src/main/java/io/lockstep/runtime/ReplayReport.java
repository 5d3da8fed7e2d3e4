package io.lockstep.runtime;

/**
 * Outcome of a replay.
 *
 * @param ok                 every re-executed tick matched its journaled fingerprint
 * @param startTick          0 when replay started from init, else the snapshot's tick
 * @param lastVerifiedTick   the last tick whose fingerprint matched
 * @param firstDivergentTick the first tick that differed (0 is init), or -1 when none did
 * @param agent              the first agent whose digest differed, empty when none or not agent-specific
 * @param detail             what differed, or a summary when ok
 * @param unfinishedTick     a last journaled tick without a result (node stopped mid-tick), or -1
 * @param tornBytes          bytes of a torn journal tail that were ignored
 */
public record ReplayReport(boolean ok, long startTick, long lastVerifiedTick, long firstDivergentTick, String agent,
                           String detail, long unfinishedTick, long tornBytes) {
}
