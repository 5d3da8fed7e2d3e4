package io.lockstep.cli.bench.node;

/**
 * How the benchmark's mission ended, after the kill and restart.
 *
 * @param c2State the mission's state in C2 (COMPLETED, FAILED, ABORTED, or a non-terminal state on time-out)
 * @param nodeTicks the node's last tick as C2 saw it
 * @param journalReplays whether re-executing the node's journal matched every fingerprint
 * @param replayDetail the replayer's summary or the divergence
 */
record MissionOutcome(String c2State, long nodeTicks, boolean journalReplays, String replayDetail) {

    boolean completed() {
        return "COMPLETED".equals(c2State);
    }
}
