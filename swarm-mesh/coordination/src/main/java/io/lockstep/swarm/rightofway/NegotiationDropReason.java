package io.lockstep.swarm.rightofway;

/** Why a negotiation message was dropped (each is counted; none is ever thrown). */
public enum NegotiationDropReason {
    /** Larger than {@link IntentCodec#MAX_BYTES}: refused before decoding. */
    OVERSIZED,
    /** Does not decode (magic, version, truncation, range, trailing bytes). */
    MALFORMED,
    /** The sender inside differs from the node the key expression names. */
    FORGED_SENDER,
    /** A sequence number not above the last one accepted from that sender. */
    REPLAYED,
    /** Its lease had already expired when it arrived. */
    EXPIRED,
    /** A newer message from the same peer arrived before the tick loop read this one (flood bound). */
    SUPERSEDED,
    /** A message from a new peer while the inbox already tracks the most peers it may. */
    TOO_MANY_PEERS
}
