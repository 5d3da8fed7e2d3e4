package io.lockstep.swarm.hazard;

/** Why a received hazard message was dropped (each counted). */
public enum HazardDropReason {
    /** Does not decode (magic, version, truncation, ranges, trailing bytes) or sits under a bad key. */
    MALFORMED,
    /** Over {@link HazardCodec#MAX_BYTES}. */
    OVERSIZED,
    /** The sender inside is not the node its key names ({@link SenderBinding}). */
    FORGED_SENDER,
    /** The key's kind chunk differs from the kind inside. */
    KIND_MISMATCH,
    /** A sequence number this node already saw from that sender (duplicate or replay). */
    REPLAYED,
    /** Its time to live had passed when it arrived, or it claims to be issued in the future. */
    EXPIRED,
    /** The bounded inbound queue was full: the oldest waiting message was dropped. */
    QUEUE_OVERFLOW,
    /** The live board was full: the hazard expiring soonest made room (counted, not an error). */
    BOARD_EVICTED
}
