package io.lockstep.mesh.message.network;

import io.lockstep.mesh.message.payload.Timestamp;

/** RESPONSE_FINAL: {@code |Z|X|X|RESPONSE_FINAL|} request id, extensions (QoS 0x1, timestamp 0x2). */
public record ResponseFinal(long requestId, Integer qos, Timestamp timestamp) implements NetworkMessage {
    public static ResponseFinal of(long requestId) {
        return new ResponseFinal(requestId, null, null);
    }
}
