package io.lockstep.swarm.peer;

/** Why a peer's message was dropped. */
public enum DropReason {
    /** Does not decode: bad magic or version, truncated, oversized, not canonical, out of range. */
    MALFORMED,
    /** Decodes, but the sender named inside differs from the node the transport says it came from. */
    FORGED_SENDER,
    /** Another mission, or another plan version of this mission. */
    OTHER_PLAN,
    /** A membership announcement older than one already seen from that node. */
    STALE
}
