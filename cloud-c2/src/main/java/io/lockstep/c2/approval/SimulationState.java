package io.lockstep.c2.approval;

/** Where a simulation stands. QUEUED and RUNNING move on; SUCCEEDED and FAILED are final. */
public enum SimulationState {
    QUEUED, RUNNING, SUCCEEDED, FAILED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
