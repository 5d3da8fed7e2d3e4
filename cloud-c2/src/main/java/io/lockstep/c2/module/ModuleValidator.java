package io.lockstep.c2.module;

import io.lockstep.runtime.AgentModules;
import io.lockstep.runtime.ModuleRejectedException;
import io.lockstep.runtime.ModuleSummary;

/**
 * Checks uploaded agent modules with the edge runtime's own loader checks ({@link AgentModules}) before C2
 * stores them. The agent, its grant and the mission's limits are not known at upload, so only what no
 * mission could accept is refused; MissionValidator checks each agent's module against its real grant and
 * the mission's limits.
 */
public final class ModuleValidator {

    private ModuleValidator() {
    }

    /** @throws InvalidModuleException with the runtime's reason, e.g. the missing export or unknown import */
    public static ModuleSummary validate(byte[] bytes) throws InvalidModuleException {
        try {
            return AgentModules.validateForAnyMission(bytes);
        } catch (ModuleRejectedException e) {
            throw new InvalidModuleException(e.reason(), e);
        }
    }
}
