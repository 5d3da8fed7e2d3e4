package io.lockstep.c2.api;

/**
 * Body of POST /missions/{id}/approvals: the succeeded simulation approved and the mission digest it
 * simulated (optional, but a client that sends it cannot approve bytes it did not review).
 */
public record ApprovalRequest(String simulationId, String missionDigest) {
}
