package io.lockstep.runtime;

import java.util.Objects;

/**
 * A C2 command or a host event for one tick. Agents receive it through {@code lockstep_on_message} on topic
 * {@code lockstep/command/<kind>} (commands) or {@code lockstep/event/<kind>} (host events) when they
 * subscribe to it. Events keep the order in which the caller added them; that order is journaled.
 *
 * @param kind non-empty, no {@code /}, {@code *} or {@code $}
 * @param data payload
 */
public record InputEvent(String kind, byte[] data) {
    public InputEvent {
        Objects.requireNonNull(kind, "kind");
        data = Objects.requireNonNull(data, "data").clone();
        if (kind.isEmpty() || kind.length() > 128 || kind.chars().anyMatch(c -> c == '/' || c == '*' || c == '$')) {
            throw new IllegalArgumentException("event kind must be 1..128 characters without '/', '*' or '$': " + kind);
        }
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

}
