package io.lockstep.mesh.message.transport;

import io.lockstep.mesh.message.network.NetworkMessage;
import java.util.List;

/** FRAME: {@code |Z|X|R|FRAME|} sequence number, then network messages up to the end of the batch. */
public record Frame(boolean reliable, long sn, List<NetworkMessage> messages) implements TransportMessage {
    public Frame {
        messages = List.copyOf(messages);
    }
}
