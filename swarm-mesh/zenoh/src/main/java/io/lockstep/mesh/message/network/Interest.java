package io.lockstep.mesh.message.network;

import io.lockstep.mesh.message.payload.Timestamp;

/**
 * INTEREST: {@code |Z|MOD(2)|INTEREST|} id; unless the mode is FINAL, an options byte
 * {@code |A|M|N|R|T|Q|S|K|} and, if R, the restricting wire expr; then extensions (QoS 0x1, timestamp 0x2, node id
 * 0x3). {@code options} holds only K, S, Q, T, R and A: N and M are derived from {@code keyExpr}.
 */
public record Interest(long id, int mode, int options, WireExpr keyExpr, Integer qos, Timestamp timestamp,
        Long nodeId) implements NetworkMessage {
    public static final int MODE_FINAL = 0;
    public static final int MODE_CURRENT = 1;
    public static final int MODE_FUTURE = 2;
    public static final int MODE_CURRENT_FUTURE = 3;

    public static final int KEYEXPRS = 0x01;
    public static final int SUBSCRIBERS = 0x02;
    public static final int QUERYABLES = 0x04;
    public static final int TOKENS = 0x08;
    public static final int RESTRICTED = 0x10;
    public static final int AGGREGATE = 0x80;

    public boolean wantsCurrent() {
        return mode == MODE_CURRENT || mode == MODE_CURRENT_FUTURE;
    }

    public boolean wants(int option) {
        return (options & option) != 0;
    }
}
