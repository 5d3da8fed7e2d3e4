package io.lockstep.c2.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of POST /missions/{id}/approvals: the succeeded simulation approved and the mission digest it
 * simulated (optional, but a client that sends it cannot approve bytes it did not review).
 */
@Schema(example = "{\"simulationId\": \"5b0c6a9e-2f4d-4c55-9d3e-0a4c1f2b7e11\", \"missionDigest\": \"9f2c4e7a1b3d5f6e8a0c2e4f6a8b0d2e4f6a8c0e2f4a6b8d0f2a4c6e8b0d2f4a\"}")
public record ApprovalRequest(String simulationId, String missionDigest) {
}
