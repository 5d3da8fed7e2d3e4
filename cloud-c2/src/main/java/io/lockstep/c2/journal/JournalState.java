package io.lockstep.c2.journal;

/** Where a node's journal of a mission stands on C2. */
public enum JournalState {
    /** An operator asked for it (or a failed checksum asked again); the node has not offered it yet. */
    REQUESTED,
    /** The node offered it; chunks are arriving (or will, when the node reconnects). */
    UPLOADING,
    /** Every byte is stored and the whole SHA-256 matched the offer. */
    COMPLETE,
    /** Given up (too many checksum failures, more bytes than announced); a new request starts over. */
    FAILED
}
