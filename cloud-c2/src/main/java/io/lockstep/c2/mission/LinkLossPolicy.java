package io.lockstep.c2.mission;

/** What a node does once its C2 link has been down for the mission's timeout; mirrors lockstep.v1.LinkLossPolicy. */
public enum LinkLossPolicy {
    CONTINUE,
    HOLD,
    RETURN_TO_BASE
}
