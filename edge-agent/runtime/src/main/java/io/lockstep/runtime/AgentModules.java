package io.lockstep.runtime;

import io.lockstep.runtime.engine.ModuleChecks;
import io.lockstep.runtime.host.HostAbi;
import io.lockstep.runtime.wasm.ParsedModule;
import java.util.List;

/**
 * Validates agent module bytes with the very checks a node runs before it instantiates an agent (the
 * loader calls the same code): size limit, structure, ABI imports and exports, grant, memory limit, the
 * metering pass and Chicory's validation of the instrumented module. Nothing is compiled or instantiated,
 * and the loader's module cache is not touched. What only instantiation reveals is not checked here: the
 * value {@code lockstep_abi_version} returns, start-function and init traps.
 */
public final class AgentModules {

    /** The agent name in refusals from {@link #validateForAnyMission}, which have no agent yet. */
    public static final String UNASSIGNED = "(unassigned)";

    private AgentModules() {
    }

    /**
     * Checks a module for one agent with its grant under the mission's limits.
     *
     * @throws ModuleRejectedException naming the problem; {@link ModuleRejectedException#fault()} says whether
     *                                 the module, the limits or the grant is at fault
     */
    public static ModuleSummary validate(String agent, byte[] wasm, CapabilityGrant grant, RuntimeLimits limits) {
        ParsedModule parsed = ModuleChecks.declarations(agent, wasm, grant, limits);
        ModuleChecks.instrument(agent, parsed, limits);
        return summarize(parsed);
    }

    /**
     * Checks a module whose agent, grant and limits are not known yet, refusing only what no mission could
     * accept: every host function counts as granted, nothing is subscribed (so {@code lockstep_on_message}
     * is optional, but checked when present), memory may declare up to the 65,536 pages Wasm allows and the
     * size limit is the node default ({@link RuntimeLimits#DEFAULT_MAX_MODULE_BYTES}).
     *
     * @throws ModuleRejectedException naming the problem, with agent {@link #UNASSIGNED}
     */
    public static ModuleSummary validateForAnyMission(byte[] wasm) {
        return validate(UNASSIGNED, wasm, HostAbi.everyFunctionGrant(),
                RuntimeLimits.defaults().withMaxMemoryPages(RuntimeLimits.WASM_MAX_MEMORY_PAGES));
    }

    /** The names of every host function of the ABI, in the order of docs/agent-abi.md. */
    public static List<String> hostFunctions() {
        return HostAbi.functionNames();
    }

    private static ModuleSummary summarize(ParsedModule parsed) {
        List<String> hostImports = parsed.imports().stream().map(ParsedModule.Import::name).toList();
        List<String> exports = parsed.exports().stream().map(ParsedModule.Export::name).toList();
        boolean handlesMessages = parsed.export(HostAbi.ON_MESSAGE.name()).isPresent();
        // declarations() guarantees a memory within the page limit, at most 65,536 pages.
        int minMemoryPages = Math.toIntExact(parsed.memory().orElseThrow().min());
        return new ModuleSummary(hostImports, exports, handlesMessages, minMemoryPages);
    }
}
