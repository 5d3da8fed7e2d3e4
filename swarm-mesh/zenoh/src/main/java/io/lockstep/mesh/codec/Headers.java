package io.lockstep.mesh.codec;

/** Message header layout shared by every Zenoh layer: {@code |F3|F2|F1| MID (5 bits) |}. */
public final class Headers {
    public static final int MID_MASK = 0x1F;
    /** Bit 7: extensions follow (Z). */
    public static final int FLAG_Z = 0x80;
    public static final int FLAG_6 = 0x40;
    public static final int FLAG_5 = 0x20;

    private Headers() {
    }

    public static int mid(int header) {
        return header & MID_MASK;
    }

    public static boolean has(int header, int flag) {
        return (header & flag) != 0;
    }
}
