package io.lockstep.runtime.host;

import io.lockstep.runtime.CapabilityGrant;
import io.lockstep.runtime.wasm.ParsedModule;
import io.lockstep.runtime.wasm.ValueTypes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent ABI v1 as data: host functions with signatures and grant rules, required and optional exports.
 * {@link #check} returns the first violation as a sentence naming the import or export.
 */
public final class HostAbi {
    public static final String MODULE = "lockstep";
    public static final int VERSION = 1;

    /** A host function: signature and whether it needs an explicit grant. */
    public record HostFunctionSpec(String name, byte[] params, byte[] results, boolean always) {
    }

    private static final byte I32 = ValueTypes.I32;
    private static final byte I64 = ValueTypes.I64;
    private static final byte F64 = ValueTypes.F64;

    public static final Map<String, HostFunctionSpec> FUNCTIONS = functions();

    private static Map<String, HostFunctionSpec> functions() {
        Map<String, HostFunctionSpec> m = new LinkedHashMap<>();
        add(m, "log", new byte[] {I32, I32, I32}, new byte[] {I32}, true);
        add(m, "rand_u64", new byte[] {}, new byte[] {I64}, true);
        add(m, "progress", new byte[] {I32}, new byte[] {I32}, true);
        add(m, "area_vertices", new byte[] {I32, I32}, new byte[] {I32}, true);
        add(m, "kv_get", new byte[] {I32, I32, I32, I32}, new byte[] {I32}, true);
        add(m, "kv_put", new byte[] {I32, I32, I32, I32}, new byte[] {I32}, true);
        add(m, "sensor_read", new byte[] {I32, I32}, new byte[] {I32}, false);
        add(m, "act_velocity", new byte[] {F64, F64}, new byte[] {I32}, false);
        add(m, "emit", new byte[] {I32, I32, I32, I32}, new byte[] {I32}, false);
        add(m, "infer", new byte[] {I32, I32, I32, I32, I32, I32}, new byte[] {I32}, false);
        return Map.copyOf(m);
    }

    private static void add(Map<String, HostFunctionSpec> m, String name, byte[] params, byte[] results,
                            boolean always) {
        m.put(name, new HostFunctionSpec(name, params, results, always));
    }

    /** Required function exports with their signatures. */
    public static final List<HostFunctionSpec> REQUIRED_EXPORTS = List.of(
            new HostFunctionSpec("lockstep_abi_version", new byte[] {}, new byte[] {I32}, true),
            new HostFunctionSpec("lockstep_alloc", new byte[] {I32}, new byte[] {I32}, true),
            new HostFunctionSpec("lockstep_init", new byte[] {I32, I32}, new byte[] {I32}, true),
            new HostFunctionSpec("lockstep_tick", new byte[] {I64}, new byte[] {I32}, true));

    public static final HostFunctionSpec ON_MESSAGE =
            new HostFunctionSpec("lockstep_on_message", new byte[] {I32, I32, I32, I32}, new byte[] {I32}, false);

    private HostAbi() {
    }

    /** Checks imports against the ABI and the grant, and exports against the ABI. */
    public static Optional<String> check(ParsedModule module, CapabilityGrant grant) {
        for (ParsedModule.Import imp : module.imports()) {
            String what = "import " + imp.module() + "." + imp.name();
            if (!MODULE.equals(imp.module())) {
                return Optional.of(what + " is unknown: agents may only import host functions of module '"
                        + MODULE + "'");
            }
            if (imp.kind() != ParsedModule.KIND_FUNC) {
                return Optional.of(what + " is not a function: agents may only import host functions");
            }
            HostFunctionSpec spec = FUNCTIONS.get(imp.name());
            if (spec == null) {
                return Optional.of(what + " is unknown: no such host function in ABI v" + VERSION);
            }
            ParsedModule.FuncType type = module.types().get(imp.typeIndex());
            if (!type.sameAs(spec.params(), spec.results())) {
                return Optional.of(what + " has signature " + type.describe() + ", the ABI requires "
                        + new ParsedModule.FuncType(spec.params(), spec.results()).describe());
            }
            if (!spec.always() && !grant.grants(spec.name())) {
                return Optional.of(what + " is not granted (the mission's host_functions do not list '"
                        + spec.name() + "')");
            }
        }
        Optional<ParsedModule.Export> memory = module.export("memory");
        if (memory.isEmpty() || memory.get().kind() != ParsedModule.KIND_MEMORY) {
            return Optional.of("missing required export memory (the agent's linear memory)");
        }
        if (module.memory().isEmpty()) {
            return Optional.of("export memory must be a memory defined by the module, not imported");
        }
        for (HostFunctionSpec required : REQUIRED_EXPORTS) {
            Optional<String> problem = checkFunctionExport(module, required, true);
            if (problem.isPresent()) {
                return problem;
            }
        }
        boolean needsOnMessage = !grant.subscribeTopics().isEmpty();
        return checkFunctionExport(module, ON_MESSAGE, needsOnMessage);
    }

    private static Optional<String> checkFunctionExport(ParsedModule module, HostFunctionSpec spec, boolean required) {
        Optional<ParsedModule.Export> export = module.export(spec.name());
        String expected = new ParsedModule.FuncType(spec.params(), spec.results()).describe();
        if (export.isEmpty()) {
            return required
                    ? Optional.of("missing required export " + spec.name() + " " + expected
                            + (spec == ON_MESSAGE ? " (the grant has subscribe_topics)" : ""))
                    : Optional.empty();
        }
        if (export.get().kind() != ParsedModule.KIND_FUNC) {
            return Optional.of("export " + spec.name() + " must be a function " + expected);
        }
        int index = export.get().index();
        int total = module.importedFunctions() + module.definedFunctionTypes().length;
        if (index >= total) {
            return Optional.of("export " + spec.name() + " refers to unknown function " + index);
        }
        ParsedModule.FuncType type = module.functionType(index);
        if (!type.sameAs(spec.params(), spec.results())) {
            return Optional.of("export " + spec.name() + " has signature " + type.describe() + ", the ABI requires "
                    + expected);
        }
        return Optional.empty();
    }
}
