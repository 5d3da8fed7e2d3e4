package io.lockstep.runtime.journal;

/** Journal record types (first payload byte of every framed record). */
public enum RecordType {
    /** Mission setup, always the first record. */
    HEADER(1),
    /** Outcome of init ("tick 0"): inference calls, digests, fingerprint. */
    INIT(2),
    /** A tick's canonical inputs, written before the agents run. */
    INPUTS(3),
    /** A tick's inference calls, digests and fingerprint, written after the agents ran. */
    RESULT(4),
    /** All runtime state after a tick, each agent's memory whole; written by older runtimes, still read. */
    FULL_SNAPSHOT(5),
    /** All runtime state after a tick, each agent's memory as the runs that differ from its fresh memory. */
    SNAPSHOT(6);

    private final int code;

    RecordType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Whether records of this type hold a snapshot (of either layout). */
    public boolean isSnapshot() {
        return this == SNAPSHOT || this == FULL_SNAPSHOT;
    }

    public static RecordType of(int code) {
        for (RecordType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
