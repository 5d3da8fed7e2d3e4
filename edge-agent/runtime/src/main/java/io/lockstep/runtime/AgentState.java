package io.lockstep.runtime;

/** Lifecycle of one agent. */
public enum AgentState {
    /** Ticked every period. */
    RUNNING,
    /** Returned tick code 1; not ticked again. */
    DONE,
    /** Trapped, ran out of fuel or call depth, failed init or reported an error; not ticked again. */
    FAULTED
}
