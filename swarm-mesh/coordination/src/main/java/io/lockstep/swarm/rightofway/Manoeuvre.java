package io.lockstep.swarm.rightofway;

/** What right of way tells a vehicle to do. */
public enum Manoeuvre {
    /** Every zone it claims is its own: go on. */
    GO,
    /** Some zone ahead is another node's (or not yet settled): do not enter it, wait at the holding point. */
    HOLD,
    /** It is inside a zone another node has the right to, or it was chosen to break a wait cycle: back out. */
    RETREAT
}
