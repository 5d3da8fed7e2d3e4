package io.lockstep.c2.approval;

import io.lockstep.c2.mission.MissionRecord;
import io.lockstep.c2.mission.MissionService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * A commander approves a succeeded simulation. An approval is bound to the simulation id and to the
 * mission digest that simulation ran on, and is taken under the mission's lock (the one dispatch holds).
 */
@ApplicationScoped
public class ApprovalService {

    private final MissionService missions;
    private final SimulationStore store;
    private final DispatchGate gate;
    private final Clock clock;

    public ApprovalService(MissionService missions, SimulationStore store, DispatchGate gate, Clock clock) {
        this.missions = missions;
        this.store = store;
        this.gate = gate;
        this.clock = clock;
    }

    /**
     * @param missionDigest the digest the commander approves (from the simulation they reviewed); null: the
     *        simulation's own
     */
    public ApprovalStatus approve(String missionId, String simulationId, String missionDigest, String commander) {
        missions.get(missionId);
        return missions.locked(missionId, () -> {
            MissionRecord mission = missions.get(missionId);
            SimulationRecord simulation = store.find(missionId, simulationId).orElseThrow(() -> new ApprovalProblem(404,
                    "unknown-simulation", "Unknown simulation", "mission " + missionId + " has no simulation "
                    + simulationId));
            if (missionDigest != null && !missionDigest.equals(simulation.missionDigest())) {
                throw ApprovalProblem.conflict("approval-digest-mismatch", "The approval names other mission bytes",
                        "the approval names mission bytes " + missionDigest + " but simulation " + simulationId
                                + " simulated " + simulation.missionDigest()
                                + ": a replayed or altered approval is refused");
            }
            String current = MissionDigest.of(mission);
            if (!current.equals(simulation.missionDigest())) {
                throw ApprovalProblem.conflict("stale-simulation", "The simulation is stale",
                        "simulation " + simulationId + " simulated mission bytes " + simulation.missionDigest()
                                + " but mission " + missionId + " is now " + current + "; simulate it again");
            }
            if (simulation.state() != SimulationState.SUCCEEDED) {
                throw ApprovalProblem.conflict("simulation-not-succeeded", "Only a succeeded simulation can be approved",
                        "simulation " + simulationId + " is " + simulation.state()
                                + (simulation.error() == null ? "" : ": " + simulation.error()));
            }
            if (mission.dispatched()) {
                throw ApprovalProblem.conflict("mission-state-conflict", "The mission's state does not allow this",
                        "mission " + missionId + " was already dispatched");
            }
            if (!store.addApproval(new ApprovalRecord(simulationId, current, commander, clock.instant()))) {
                throw ApprovalProblem.conflict("duplicate-approval", "This commander already approved",
                        "commander " + commander + " already approved simulation " + simulationId
                                + "; a second approval must come from a different commander");
            }
            return gate.status(mission);
        });
    }
}
