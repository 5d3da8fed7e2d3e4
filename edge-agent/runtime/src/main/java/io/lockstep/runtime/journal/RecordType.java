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
    /** All runtime state after a tick. */
    SNAPSHOT(5);

    private final int code;

    RecordType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
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
