package io.lockstep.c2.mission;

/**
 * How many different commanders must approve the mission's simulation before it may be dispatched
 * ({@code "approval": {"required": 2}}); null or missing: the policy's default
 * ({@code lockstep.c2.approval.required-approvals}). See docs/mission-approval.md.
 */
public record ApprovalSpec(Integer required) {

    public static final int MAX_REQUIRED = 5;
}
