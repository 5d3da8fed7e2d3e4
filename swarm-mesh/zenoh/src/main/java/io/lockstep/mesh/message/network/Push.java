package io.lockstep.mesh.message.network;

import io.lockstep.mesh.message.payload.PushBody;
import io.lockstep.mesh.message.payload.Timestamp;

/** PUSH: {@code |Z|M|N|PUSH|} wire expr, extensions (QoS 0x1, timestamp 0x2, node id 0x3), then a PUT or DEL. */
public record Push(WireExpr key, Integer qos, Timestamp timestamp, Long nodeId, PushBody body)
        implements NetworkMessage {
    public static Push of(WireExpr key, PushBody body) {
        return new Push(key, null, null, null, body);
    }
}
