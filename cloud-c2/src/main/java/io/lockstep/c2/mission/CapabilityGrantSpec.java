package io.lockstep.c2.mission;

import java.util.List;

/** What an agent may do: host functions by ABI name, topic patterns, model names (lockstep.v1.CapabilityGrant). */
public record CapabilityGrantSpec(List<String> hostFunctions, List<String> emitTopics, List<String> subscribeTopics,
        List<String> models) {

    public CapabilityGrantSpec {
        hostFunctions = hostFunctions == null ? List.of() : hostFunctions;
        emitTopics = emitTopics == null ? List.of() : emitTopics;
        subscribeTopics = subscribeTopics == null ? List.of() : subscribeTopics;
        models = models == null ? List.of() : models;
    }
}
