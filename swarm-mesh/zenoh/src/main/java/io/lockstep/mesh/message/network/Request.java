package io.lockstep.mesh.message.network;

import io.lockstep.mesh.message.payload.RequestBody;
import io.lockstep.mesh.message.payload.Timestamp;

/**
 * REQUEST: {@code |Z|M|N|REQUEST|} request id, wire expr, extensions (QoS 0x1, timestamp 0x2, node id 0x3,
 * target 0x4 mandatory, budget 0x5, timeout ms 0x6), then the body (normally a QUERY).
 */
public record Request(long id, WireExpr key, Integer qos, Timestamp timestamp, Long nodeId, Integer target,
        Long budget, Long timeoutMs, RequestBody body) implements NetworkMessage {
}
