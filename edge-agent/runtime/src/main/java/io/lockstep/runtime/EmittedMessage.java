package io.lockstep.runtime;

import java.util.Objects;

/**
 * A message an agent emitted during a tick, in emission order. Co-located subscribers get it at the next
 * tick; the caller publishes it to peers.
 *
 * @param agent emitting agent
 * @param seq   the agent's emission sequence number (starts at 1, never reused within the mission)
 */
public record EmittedMessage(String agent, long seq, String topic, byte[] data) {
    public EmittedMessage {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(topic, "topic");
        data = Objects.requireNonNull(data, "data").clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }
}
