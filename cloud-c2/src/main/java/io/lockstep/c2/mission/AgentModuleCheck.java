package io.lockstep.c2.mission;

import io.lockstep.runtime.AgentModules;
import io.lockstep.runtime.CapabilityGrant;
import io.lockstep.runtime.ModuleRejectedException;
import io.lockstep.runtime.RuntimeLimits;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks an agent's module against its real grant and the mission's limits with the edge runtime's loader
 * checks ({@link AgentModules}), as the node will when it loads the mission, and names the request field
 * at fault.
 */
public final class AgentModuleCheck {

    private AgentModuleCheck() {
    }

    /**
     * The limits a node runs the mission under: its defaults, overridden by the mission's non-zero fuel and
     * memory limits. Out-of-range values (reported by MissionValidator) leave the default in place, so the
     * module checks can still run.
     */
    public static RuntimeLimits runtimeLimits(LimitsSpec limits) {
        RuntimeLimits runtime = RuntimeLimits.defaults();
        if (limits == null) {
            return runtime;
        }
        Long fuel = limits.fuelPerTick();
        if (fuel != null && fuel > 0 && fuel <= RuntimeLimits.MAX_FUEL_PER_TICK) {
            runtime = runtime.withFuelPerTick(fuel);
        }
        Long pages = limits.maxMemoryPages();
        if (pages != null && pages > 0 && pages <= RuntimeLimits.WASM_MAX_MEMORY_PAGES) {
            runtime = runtime.withMaxMemoryPages(pages.intValue());
        }
        return runtime;
    }

    /**
     * @param field  the agent's field, e.g. {@code agents[2]}
     * @param module the bytes of the agent's module
     * @return the refusal, on the capability or module field it concerns
     */
    static Optional<FieldError> check(String field, byte[] module, CapabilityGrantSpec grant, RuntimeLimits limits) {
        try {
            AgentModules.validate(field, module, runtimeGrant(grant), limits);
            return Optional.empty();
        } catch (ModuleRejectedException e) {
            String at = switch (e.fault()) {
                case UNGRANTED_IMPORT -> field + ".capabilities.hostFunctions";
                case NO_MESSAGE_HANDLER -> field + ".capabilities.subscribeTopics";
                case MODULE, LIMITS -> field + ".module";
            };
            return Optional.of(new FieldError(at, "the node would refuse this module: " + e.reason()));
        }
    }

    /** Null entries are reported by MissionValidator; the rest of the grant still applies. */
    private static CapabilityGrant runtimeGrant(CapabilityGrantSpec grant) {
        return new CapabilityGrant(present(grant.hostFunctions()), present(grant.emitTopics()),
                present(grant.models()), present(grant.subscribeTopics()));
    }

    private static List<String> present(List<String> values) {
        return values.stream().filter(Objects::nonNull).toList();
    }
}
