package io.lockstep.c2.approval;

import io.lockstep.c2.mission.MissionRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Dispatch only of approved bytes: with the policy on, a mission may be dispatched only when a simulation
 * of its exact current bytes succeeded and enough different commanders approved that simulation. Called by
 * MissionService under the mission's lock (approvals take the same lock).
 */
@ApplicationScoped
public class DispatchGate {

    private final SimulationStore store;
    private final ApprovalPolicy policy;

    public DispatchGate(SimulationStore store, ApprovalPolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    /** @throws ApprovalProblem (409 approval-required) saying what is missing */
    public void check(MissionRecord mission) {
        ApprovalStatus status = status(mission);
        if (!status.dispatchable()) {
            throw ApprovalProblem.conflict("approval-required", "The mission is not approved for dispatch",
                    "mission " + mission.id() + " may only be dispatched once a simulation of its exact bytes (sha256 "
                            + status.missionDigest() + ") succeeded and " + status.required()
                            + (status.required() == 1 ? " commander approved it: " : " different commanders approved it: ")
                            + status.missing());
        }
    }

    public ApprovalStatus status(MissionRecord mission) {
        String digest = MissionDigest.of(mission);
        int required = policy.requiredApprovals(mission);
        List<SimulationRecord> all = store.list(mission.id());
        List<SimulationRecord> current = all.stream().filter(s -> s.missionDigest().equals(digest)).toList();
        Optional<SimulationRecord> best = current.stream().filter(s -> s.state() == SimulationState.SUCCEEDED)
                .max(Comparator.comparingInt((SimulationRecord s) -> store.approvals(digest, s.id()).size())
                        .thenComparing(SimulationRecord::requestedAt));
        if (best.isPresent()) {
            List<ApprovalRecord> approvals = store.approvals(digest, best.get().id());
            boolean enough = approvals.size() >= required;
            String missing = enough ? "" : "simulation " + best.get().id() + " succeeded and has " + approvals.size()
                    + " of " + required + " approvals" + (approvals.isEmpty() ? "" : " ("
                    + String.join(", ", approvals.stream().map(ApprovalRecord::approvedBy).toList()) + ")")
                    + "; a commander approves with POST /api/v1/missions/" + mission.id() + "/approvals";
            return new ApprovalStatus(policy.enabled(), digest, best.get().id(), approvals, required,
                    !policy.enabled() || enough, policy.enabled() ? missing : "");
        }
        String missing;
        if (current.isEmpty()) {
            missing = "no simulation of these bytes" + (all.isEmpty() ? "" : " (" + all.size()
                    + " earlier simulation(s) simulated other bytes of this mission and are stale)")
                    + "; a commander starts one with POST /api/v1/missions/" + mission.id() + "/simulations";
        } else {
            SimulationRecord last = current.get(current.size() - 1);
            missing = switch (last.state()) {
                case QUEUED, RUNNING -> "simulation " + last.id() + " is " + last.state() + " ("
                        + last.progressPermille() / 10 + "%); wait for it to succeed";
                default -> "simulation " + last.id() + " FAILED (" + last.error() + "); fix the mission or simulate again";
            };
        }
        return new ApprovalStatus(policy.enabled(), digest, null, List.of(), required, !policy.enabled(),
                policy.enabled() ? missing : "");
    }
}
