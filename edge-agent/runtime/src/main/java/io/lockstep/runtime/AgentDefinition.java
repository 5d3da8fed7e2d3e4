package io.lockstep.runtime;

import java.util.List;
import java.util.Objects;

/**
 * One agent of a mission: its name (unique within the mission), module bytes, init parameters in
 * mission order, and grant. The order of definitions given to the builder is the run order.
 */
public record AgentDefinition(String name, byte[] wasm, List<Parameter> params, CapabilityGrant grant) {

    public AgentDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(wasm, "wasm");
        params = List.copyOf(Objects.requireNonNull(params, "params"));
        Objects.requireNonNull(grant, "grant");
        if (name.isEmpty() || name.length() > 128 || name.indexOf('\n') >= 0 || name.indexOf('=') >= 0) {
            throw new IllegalArgumentException("agent name must be 1..128 characters without '=' or newline");
        }
        wasm = wasm.clone();
    }

    /** The module bytes (a copy). */
    @Override
    public byte[] wasm() {
        return wasm.clone();
    }

}
