package io.lockstep.runtime;

import java.util.Objects;

/**
 * A message from another node's agent, delivered to local subscribers at the tick it is given to.
 * Canonical delivery order is by {@code sender}, then {@code seq}.
 *
 * @param sender globally unique sender name (e.g. {@code node/agent})
 * @param seq    the sender's emission sequence number
 * @param topic  concrete key expression
 * @param data   payload
 */
public record PeerMessage(String sender, long seq, String topic, byte[] data) {
    public PeerMessage {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(topic, "topic");
        data = Objects.requireNonNull(data, "data").clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

}
