package io.lockstep.mesh.message.network;

import io.lockstep.mesh.message.payload.EntityGlobalId;
import io.lockstep.mesh.message.payload.ResponseBody;
import io.lockstep.mesh.message.payload.Timestamp;

/**
 * RESPONSE: {@code |Z|M|N|RESPONSE|} request id, wire expr, extensions (QoS 0x1, timestamp 0x2, responder id
 * 0x3), then a REPLY or ERR.
 */
public record Response(long requestId, WireExpr key, Integer qos, Timestamp timestamp, EntityGlobalId responder,
        ResponseBody body) implements NetworkMessage {
}
