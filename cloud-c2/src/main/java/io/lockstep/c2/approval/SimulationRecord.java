package io.lockstep.c2.approval;

import java.time.Instant;

/**
 * One simulation of one mission's exact bytes ({@code missionDigest}), as stored in Redis.
 *
 * @param progressPermille simulated ticks so far against the tick limit, 0..1000 (1000 once finished)
 * @param error why it failed (also in {@code outcome.problems} when the simulator ran)
 */
public record SimulationRecord(String id, String missionId, String missionDigest, SimulationState state, int nodes,
        String requestedBy, Instant requestedAt, Instant startedAt, Instant finishedAt, int progressPermille,
        SimulationOutcome outcome, String error) {

    public SimulationRecord running(Instant at) {
        return new SimulationRecord(id, missionId, missionDigest, SimulationState.RUNNING, nodes, requestedBy,
                requestedAt, at, null, 0, null, null);
    }

    public SimulationRecord progress(int permille) {
        return new SimulationRecord(id, missionId, missionDigest, state, nodes, requestedBy, requestedAt, startedAt,
                finishedAt, permille, outcome, error);
    }

    public SimulationRecord finished(Instant at, SimulationOutcome result, boolean succeeded) {
        return new SimulationRecord(id, missionId, missionDigest,
                succeeded ? SimulationState.SUCCEEDED : SimulationState.FAILED, nodes, requestedBy, requestedAt,
                startedAt, at, 1000, result, succeeded ? null : String.join("; ", result.problems()));
    }

    public SimulationRecord failed(Instant at, String why) {
        return new SimulationRecord(id, missionId, missionDigest, SimulationState.FAILED, nodes, requestedBy,
                requestedAt, startedAt, at, progressPermille, outcome, why);
    }
}
