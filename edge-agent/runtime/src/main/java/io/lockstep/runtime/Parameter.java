package io.lockstep.runtime;

import java.util.Objects;

/**
 * One agent init parameter, a {@code key=value} line of the init buffer (docs/agent-abi.md).
 *
 * @param key   never contains {@code =} or a newline
 * @param value never contains a newline
 */
public record Parameter(String key, String value) {
    public Parameter {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("parameter key must be non-empty without '=' or newline: " + key);
        }
        if (value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("parameter value must not contain a newline (key " + key + ")");
        }
    }
}
