package io.lockstep.runtime.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.function.Function;

/**
 * An instrumented, parsed and (in compiled mode) compiled module, shared by every agent instance of the
 * same bytes and limits.
 *
 * @param machineFactory the compiled machine factory, or null for the interpreter
 * @param hasStart       whether the original module had a start function (exported by the metering pass)
 * @param hasOnMessage   whether the module exports lockstep_on_message
 */
public record LoadedModule(String sha256, WasmModule module, Function<Instance, Machine> machineFactory,
                           boolean hasStart, boolean hasOnMessage) {

    /**
     * An instance builder as the runtime instantiates agents: this module's machine and the runtime's memory
     * ({@link DirtyPageMemory}, which code compiled by {@link AgentCompiler} needs); imports still to add.
     */
    public Instance.Builder instanceBuilder() {
        Instance.Builder builder = Instance.builder(module).withMemoryFactory(DirtyPageMemory::new);
        return machineFactory == null ? builder : builder.withMachineFactory(machineFactory);
    }
}
