package io.lockstep.runtime.engine;

import io.lockstep.runtime.AgentDefinition;
import io.lockstep.runtime.ExecutionMode;
import io.lockstep.runtime.ModuleRejectedException;
import io.lockstep.runtime.RuntimeLimits;
import io.lockstep.runtime.host.HostAbi;
import io.lockstep.runtime.wasm.ParsedModule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns agent module bytes into a {@link LoadedModule}: the {@link ModuleChecks} (size limit, structure, ABI
 * and grant checks, the metering pass and Chicory's validation) and, in compiled mode, compilation.
 * Instrumented modules are cached by digest, limits and mode, so 100 agents of one kind compile once; the
 * grant-dependent checks run before the cache is consulted, so a cached module never bypasses a grant.
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
        ParsedModule parsed = ModuleChecks.declarations(agent.name(), bytes, agent.grant(), limits);
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
        ModuleChecks.Instrumented instrumented = ModuleChecks.instrument(agent, parsed, limits);
        boolean onMessage = parsed.export(HostAbi.ON_MESSAGE.name()).isPresent();
        if (mode == ExecutionMode.INTERPRETER) {
            return new LoadedModule(sha, instrumented.module(), null, instrumented.hasStart(), onMessage);
        }
        try {
            return new LoadedModule(sha, instrumented.module(), AgentCompiler.compile(instrumented.module()),
                    instrumented.hasStart(), onMessage);
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            throw new ModuleRejectedException(agent, "invalid module (compiler): " + ModuleChecks.describe(e), e);
        }
    }
}
