package io.lockstep.runtime;

import java.util.List;
import java.util.Objects;

/**
 * What a mission lets one agent do (mirrors {@code lockstep.v1.CapabilityGrant}). A module importing a
 * host function that is neither "always granted" nor listed in {@link #hostFunctions()} is refused at load.
 *
 * @param hostFunctions   host function ABI names, e.g. {@code emit}, {@code act_velocity}, {@code infer}
 * @param emitTopics      Zenoh key-expression patterns the agent may emit on
 * @param models          model names the agent may run inference on
 * @param subscribeTopics key-expression patterns of messages delivered to {@code lockstep_on_message}
 */
public record CapabilityGrant(List<String> hostFunctions, List<String> emitTopics, List<String> models,
                              List<String> subscribeTopics) {

    public CapabilityGrant {
        hostFunctions = List.copyOf(Objects.requireNonNull(hostFunctions, "hostFunctions"));
        emitTopics = List.copyOf(Objects.requireNonNull(emitTopics, "emitTopics"));
        models = List.copyOf(Objects.requireNonNull(models, "models"));
        subscribeTopics = List.copyOf(Objects.requireNonNull(subscribeTopics, "subscribeTopics"));
    }

    /** A grant of nothing beyond the always-granted host functions. */
    public static CapabilityGrant none() {
        return new CapabilityGrant(List.of(), List.of(), List.of(), List.of());
    }

    /** Whether the host function with this ABI name is listed. */
    public boolean grants(String hostFunction) {
        return hostFunctions.contains(hostFunction);
    }
}
