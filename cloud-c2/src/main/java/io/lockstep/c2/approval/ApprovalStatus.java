package io.lockstep.c2.approval;

import java.util.List;

/**
 * Where a mission stands against the approval policy.
 *
 * @param missionDigest SHA-256 of the mission's current canonical bytes
 * @param simulationId the simulation the approvals count for (null when none qualifies)
 * @param approvals approvals of that simulation
 * @param required approvals the mission needs (different commanders)
 * @param dispatchable whether dispatch is allowed now
 * @param missing what is missing, in words (empty when dispatchable)
 */
public record ApprovalStatus(boolean policyEnabled, String missionDigest, String simulationId,
        List<ApprovalRecord> approvals, int required, boolean dispatchable, String missing) {
}
