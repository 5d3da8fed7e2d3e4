package io.lockstep.runtime.engine;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.lockstep.runtime.AgentDefinition;
import io.lockstep.runtime.ExecutionMode;
import io.lockstep.runtime.ModuleRejectedException;
import io.lockstep.runtime.RuntimeLimits;
import io.lockstep.runtime.host.HostAbi;
import io.lockstep.runtime.wasm.MeteringPass;
import io.lockstep.runtime.wasm.ModuleParser;
import io.lockstep.runtime.wasm.ParsedModule;
import io.lockstep.runtime.wasm.WasmFormatException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns agent module bytes into a {@link LoadedModule}: size limit, structure, ABI and grant checks, the
 * metering pass, Chicory parsing and, in compiled mode, compilation. Instrumented modules are cached by
 * digest, limits and mode, so 100 agents of one kind compile once.
 */
public final class ModuleLoader {
    private static final int CACHE_ENTRIES = 64;
    private static final Map<String, LoadedModule> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LoadedModule> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    private ModuleLoader() {
    }

    /**
     * @throws ModuleRejectedException naming the violated limit, export or import
     */
    public static LoadedModule load(AgentDefinition agent, RuntimeLimits limits, ExecutionMode mode) {
        byte[] bytes = agent.wasm();
        if (bytes.length > limits.maxModuleBytes()) {
            throw new ModuleRejectedException(agent.name(), "module is " + bytes.length
                    + " bytes, over the size limit of " + limits.maxModuleBytes());
        }
        ParsedModule parsed;
        try {
            parsed = ModuleParser.parse(bytes);
        } catch (WasmFormatException e) {
            throw new ModuleRejectedException(agent.name(), "malformed module: " + e.getMessage());
        }
        Optional<String> abiProblem = HostAbi.check(parsed, agent.grant());
        if (abiProblem.isPresent()) {
            throw new ModuleRejectedException(agent.name(), abiProblem.get());
        }
        String sha = Hashing.sha256Hex(bytes);
        String key = sha + "/" + limits.fuelPerTick() + "/" + limits.maxCallDepth() + "/" + limits.maxMemoryPages()
                + "/" + mode;
        synchronized (CACHE) {
            LoadedModule cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
        }
        LoadedModule loaded = instrumentAndCompile(agent.name(), parsed, sha, limits, mode);
        synchronized (CACHE) {
            CACHE.put(key, loaded);
        }
        return loaded;
    }

    private static LoadedModule instrumentAndCompile(String agent, ParsedModule parsed, String sha,
                                                     RuntimeLimits limits, ExecutionMode mode) {
        MeteringPass.Result instrumented;
        try {
            instrumented = MeteringPass.instrument(parsed, limits.fuelPerTick(), limits.maxCallDepth(),
                    limits.maxMemoryPages());
        } catch (WasmFormatException e) {
            throw new ModuleRejectedException(agent, e.getMessage());
        }
        WasmModule module;
        try {
            module = Parser.parse(instrumented.bytes());
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            // Chicory validates here; on hostile input it may also fail with assertion or index errors.
            throw new ModuleRejectedException(agent, "invalid module: " + describe(e), e);
        }
        boolean onMessage = parsed.export(HostAbi.ON_MESSAGE.name()).isPresent();
        if (mode == ExecutionMode.INTERPRETER) {
            return new LoadedModule(sha, module, null, instrumented.hasStart(), onMessage);
        }
        try {
            return new LoadedModule(sha, module, MachineFactoryCompiler.compile(module), instrumented.hasStart(),
                    onMessage);
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            throw new ModuleRejectedException(agent, "invalid module (compiler): " + describe(e), e);
        }
    }

    static String describe(Throwable e) {
        return e instanceof ChicoryException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
