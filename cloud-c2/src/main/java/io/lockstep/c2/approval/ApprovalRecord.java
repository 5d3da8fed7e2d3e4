package io.lockstep.c2.approval;

import java.time.Instant;

/** One commander's approval, bound to one simulation and the mission bytes it simulated. */
public record ApprovalRecord(String simulationId, String missionDigest, String approvedBy, Instant approvedAt) {
}
