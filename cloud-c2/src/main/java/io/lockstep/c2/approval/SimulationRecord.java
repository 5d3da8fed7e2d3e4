package io.lockstep.c2.approval;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.time.Instant;

/**
 * One simulation of one mission's exact bytes ({@code missionDigest}), as stored in Redis.
 *
 * @param progressPermille simulated ticks so far against the tick limit, 0..1000 (1000 once finished)
 * @param error why it failed (also in {@code outcome.problems} when the simulator ran)
 */
@Schema(example = "{\"id\": \"276d0252-9895-411a-a377-1437a3a64988\", \"missionId\": \"5df9ebf8-ac56-4a9a-a594-dfb23734d1e3\", \"missionDigest\": \"8b688e681d437868214d10ec54d7a503e0f65f4123223437c3b1642c07eb41fb\", \"state\": \"SUCCEEDED\", \"nodes\": 2, \"requestedBy\": \"admin\", \"requestedAt\": \"2026-12-02T12:11:49.290320556Z\", \"startedAt\": \"2026-12-02T12:11:49.312024162Z\", \"finishedAt\": \"2026-12-02T12:11:51.635942498Z\", \"progressPermille\": 1000, \"outcome\": {\"ticks\": 364, \"predictedDurationMs\": 72800, \"cellsTotal\": 12, \"cellsCovered\": 12, \"coveragePercent\": 100.0, \"interventions\": {}, \"fuelByAgent\": {\"surveyor\": 927752}, \"faults\": [], \"problems\": [], \"journal\": \"/var/lib/lockstep-c2/simulations/8b688e681d437868214d10ec54d7a503e0f65f4123223437c3b1642c07eb41fb/276d0252-9895-411a-a377-1437a3a64988\", \"journals\": [\"/var/lib/lockstep-c2/simulations/8b688e681d437868214d10ec54d7a503e0f65f4123223437c3b1642c07eb41fb/276d0252-9895-411a-a377-1437a3a64988/node-1-1.journal\", \"/var/lib/lockstep-c2/simulations/8b688e681d437868214d10ec54d7a503e0f65f4123223437c3b1642c07eb41fb/276d0252-9895-411a-a377-1437a3a64988/node-2-1.journal\"], \"reportDigest\": \"c7ef134ca21b415bb4f58dbc80a8b9ff3f24b470528f0fb0d5069ccb50f64d30\", \"tickPeriodMs\": 200, \"cellsRequired\": true, \"paths\": {\"node-1\": [{\"tick\": 5, \"xM\": -8.63, \"yM\": -9.21}, {\"tick\": 10, \"xM\": -6.05, \"yM\": -5.58}], \"node-2\": [{\"tick\": 5, \"xM\": -6.73, \"yM\": -8.82}, {\"tick\": 10, \"xM\": -5.06, \"yM\": -4.53}]}, \"cellCoverage\": [{\"cell\": 0, \"tick\": 61, \"nodeId\": \"node-2\"}, {\"cell\": 1, \"tick\": 89, \"nodeId\": \"node-2\"}]}, \"error\": null}")
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
