package io.lockstep.mesh.message.network;

import io.lockstep.mesh.message.payload.Timestamp;

/**
 * DECLARE: {@code |Z|X|I|DECLARE|} interest id if I (the declaration answers that interest), extensions (QoS 0x1,
 * timestamp 0x2, node id 0x3), then one declaration.
 */
public record Declare(Long interestId, Integer qos, Timestamp timestamp, Long nodeId, Declaration declaration)
        implements NetworkMessage {
    public static Declare of(Declaration declaration) {
        return new Declare(null, null, null, null, declaration);
    }

    public static Declare answering(long interestId, Declaration declaration) {
        return new Declare(interestId, null, null, null, declaration);
    }
}
