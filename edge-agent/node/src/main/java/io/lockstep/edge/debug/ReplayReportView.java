package io.lockstep.edge.debug;

import io.lockstep.runtime.ReplayReport;

/**
 * {@code GET /debug/v1/replay}: the outcome of re-executing this node's journal.
 *
 * @param journalPath the journal replayed
 * @param ok every re-executed tick matched its journaled fingerprint
 * @param startTick 0 (from init) or the snapshot replay started from
 * @param lastVerifiedTick last tick whose fingerprint matched
 * @param firstDivergentTick first tick that differed, -1 when none
 * @param agent first agent that differed, empty when none
 * @param detail what differed, or a summary
 * @param unfinishedTick a journaled tick without a result (the node is mid-tick or stopped there), -1 if none
 * @param tornBytes bytes of a torn journal tail that were ignored
 */
public record ReplayReportView(String journalPath, boolean ok, long startTick, long lastVerifiedTick,
        long firstDivergentTick, String agent, String detail, long unfinishedTick, long tornBytes) {

    static ReplayReportView of(String journalPath, ReplayReport r) {
        return new ReplayReportView(journalPath, r.ok(), r.startTick(), r.lastVerifiedTick(), r.firstDivergentTick(),
                r.agent(), r.detail(), r.unfinishedTick(), r.tornBytes());
    }
}
