package io.lockstep.c2.approval;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
@Schema(example = "{\"policyEnabled\": true, \"missionDigest\": \"9f2c4e7a1b3d5f6e8a0c2e4f6a8b0d2e4f6a8c0e2f4a6b8d0f2a4c6e8b0d2f4a\", \"simulationId\": \"5b0c6a9e-2f4d-4c55-9d3e-0a4c1f2b7e11\", \"approvals\": [{\"simulationId\": \"5b0c6a9e-2f4d-4c55-9d3e-0a4c1f2b7e11\", \"missionDigest\": \"9f2c4e7a1b3d5f6e8a0c2e4f6a8b0d2e4f6a8c0e2f4a6b8d0f2a4c6e8b0d2f4a\", \"approvedBy\": \"alice\", \"approvedAt\": \"2030-01-01T08:05:00Z\"}], \"required\": 2, \"dispatchable\": false, \"missing\": \"1 of 2 approvals (alice); a second commander must approve\"}")
public record ApprovalStatus(boolean policyEnabled, String missionDigest, String simulationId,
        List<ApprovalRecord> approvals, int required, boolean dispatchable, String missing) {
}
