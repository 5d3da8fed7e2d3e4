package io.lockstep.swarm.codec;

/** Size caps every decoder checks before it allocates anything. */
public final class Limits {

    /** Mission ids on the swarm wire: 1..128 UTF-8 bytes. */
    public static final int MAX_MISSION_ID_BYTES = 128;
    /** Largest coverage message: header plus an 8 KiB bitmap of 65,536 cells, with room to spare. */
    public static final int MAX_COVERAGE_BYTES = 16 * 1024;
    /** Largest agreement digest message. */
    public static final int MAX_DIGEST_BYTES = 1024;
    /** Largest membership announcement. */
    public static final int MAX_MEMBER_BYTES = 512;
    /** Largest cell plan message. */
    public static final int MAX_PLAN_BYTES = 8 * 1024 * 1024;
    /** Most vertices of one cell polygon on the wire. */
    public static final int MAX_CELL_VERTICES = 2048;

    private Limits() {
    }

    public static void checkSize(byte[] data, int max, String what) throws MalformedMessageException {
        if (data == null) {
            throw new MalformedMessageException(what + " missing");
        }
        if (data.length > max) {
            throw new MalformedMessageException(what + " of " + data.length + " bytes exceeds " + max);
        }
    }
}
