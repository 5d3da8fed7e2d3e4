package io.lockstep.mesh.message.network;

/** The QoS extension byte: {@code |X|X|X|E|D|prio(3)|}; D = do not drop (block), E = express. */
public final class Qos {
    /** Priority "data" (5), congestion control drop, not express: what Zenoh leaves implicit. */
    public static final int DEFAULT = 0x05;
    public static final int FLAG_BLOCK = 0x08;
    public static final int FLAG_EXPRESS = 0x10;

    private Qos() {
    }

    public static int of(int priority, boolean block, boolean express) {
        if (priority < 1 || priority > 7) {
            throw new IllegalArgumentException("priority must be 1..7, got " + priority);
        }
        return priority | (block ? FLAG_BLOCK : 0) | (express ? FLAG_EXPRESS : 0);
    }

    public static int priority(int qos) {
        return qos & 0x07;
    }

    public static boolean blocks(int qos) {
        return (qos & FLAG_BLOCK) != 0;
    }
}
