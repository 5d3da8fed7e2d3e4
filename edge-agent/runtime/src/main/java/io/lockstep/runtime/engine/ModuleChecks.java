package io.lockstep.runtime.engine;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.lockstep.runtime.CapabilityGrant;
import io.lockstep.runtime.ModuleRejectedException;
import io.lockstep.runtime.ModuleRejectedException.Fault;
import io.lockstep.runtime.RuntimeLimits;
import io.lockstep.runtime.host.HostAbi;
import io.lockstep.runtime.wasm.MeteringPass;
import io.lockstep.runtime.wasm.ModuleParser;
import io.lockstep.runtime.wasm.ParsedModule;
import io.lockstep.runtime.wasm.WasmFormatException;
import java.util.Optional;

/**
 * Every check a module passes before it may be instantiated, in two stages so that {@link ModuleLoader} can
 * consult its cache in between. {@link #declarations} depends on the grant and is cheap: size limit,
 * structure, ABI imports and exports, grant, memory limit. {@link #instrument} depends only on the bytes and
 * the limits, which is what the loader's cache is keyed by: the metering pass and Chicory's validation of
 * the instrumented bytes. {@link io.lockstep.runtime.AgentModules} runs both stages, without compiling or
 * instantiating and without touching the cache.
 */
public final class ModuleChecks {

    /** The instrumented module as Chicory parsed (and so validated) it. */
    public record Instrumented(WasmModule module, boolean hasStart) {
    }

    private ModuleChecks() {
    }

    /**
     * @throws ModuleRejectedException naming the violated limit, import or export
     */
    public static ParsedModule declarations(String agent, byte[] bytes, CapabilityGrant grant, RuntimeLimits limits) {
        if (bytes.length > limits.maxModuleBytes()) {
            throw new ModuleRejectedException(agent, Fault.LIMITS, "module is " + bytes.length
                    + " bytes, over the size limit of " + limits.maxModuleBytes());
        }
        ParsedModule parsed;
        try {
            parsed = ModuleParser.parse(bytes);
        } catch (WasmFormatException e) {
            throw new ModuleRejectedException(agent, "malformed module: " + e.getMessage());
        }
        Optional<HostAbi.Violation> violation = HostAbi.check(parsed, grant);
        if (violation.isPresent()) {
            throw new ModuleRejectedException(agent, violation.get().fault(), violation.get().message());
        }
        Optional<ParsedModule.MemoryType> memory = parsed.memory();
        if (memory.isPresent() && memory.get().min() > limits.maxMemoryPages()) {
            throw new ModuleRejectedException(agent, Fault.LIMITS, "memory declares " + memory.get().min()
                    + " initial pages, the limit is " + limits.maxMemoryPages());
        }
        return parsed;
    }

    /**
     * Runs the metering pass with the limits' fuel, call depth and page limit, then Chicory's parser, which
     * validates the instrumented module.
     *
     * @param parsed a module that passed {@link #declarations} under the same limits
     * @throws ModuleRejectedException naming the refused feature or the validation failure
     */
    public static Instrumented instrument(String agent, ParsedModule parsed, RuntimeLimits limits) {
        MeteringPass.Result instrumented;
        try {
            instrumented = MeteringPass.instrument(parsed, limits.fuelPerTick(), limits.maxCallDepth(),
                    limits.maxMemoryPages());
        } catch (WasmFormatException e) {
            throw new ModuleRejectedException(agent, e.getMessage());
        }
        try {
            return new Instrumented(Parser.parse(instrumented.bytes()), instrumented.hasStart());
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            // Chicory validates here; on hostile input it may also fail with assertion or index errors.
            throw new ModuleRejectedException(agent, "invalid module: " + describe(e), e);
        } catch (OutOfMemoryError e) {
            // A hostile module can declare a huge vector length; that one allocation fails, nothing else.
            throw new ModuleRejectedException(agent, "invalid module: declared sizes are too large", e);
        }
    }

    static String describe(Throwable e) {
        return e instanceof ChicoryException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
