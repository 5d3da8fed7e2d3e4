package io.lockstep.c2.mission;

import java.util.LinkedHashMap;

/**
 * One agent of a mission. {@code parameters} keeps the order the commander wrote them in, because the
 * node hands them to the agent in exactly that order.
 */
public record AgentSpec(String name, String module, LinkedHashMap<String, String> parameters,
        CapabilityGrantSpec capabilities) {

    public AgentSpec {
        parameters = parameters == null ? new LinkedHashMap<>() : parameters;
        capabilities = capabilities == null ? new CapabilityGrantSpec(null, null, null, null) : capabilities;
    }
}
