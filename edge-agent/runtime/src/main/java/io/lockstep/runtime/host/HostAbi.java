package io.lockstep.runtime.host;

import io.lockstep.runtime.CapabilityGrant;
import io.lockstep.runtime.ModuleRejectedException.Fault;
import io.lockstep.runtime.wasm.ParsedModule;
import io.lockstep.runtime.wasm.ValueTypes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent ABI v1 as data: host functions with signatures and grant rules, required and optional exports.
 * {@link #check} returns the first violation: what is at fault and a sentence naming the import or export.
 */
public final class HostAbi {
    public static final String MODULE = "lockstep";
    public static final int VERSION = 1;

    /** A host function: signature and whether it needs an explicit grant. */
    public record HostFunctionSpec(String name, byte[] params, byte[] results, boolean always) {
    }

    /** A breach of the ABI or the grant: what is at fault and a sentence naming the import or export. */
    public record Violation(Fault fault, String message) {
    }

    private static final byte I32 = ValueTypes.I32;
    private static final byte I64 = ValueTypes.I64;
    private static final byte F64 = ValueTypes.F64;

    /** Every host function of the ABI by name, in the order of docs/agent-abi.md. */
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
        return Collections.unmodifiableMap(m);
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

    /** Names of every host function of the ABI, in the order of docs/agent-abi.md. */
    public static List<String> functionNames() {
        return List.copyOf(FUNCTIONS.keySet());
    }

    /** A grant listing every host function: what a module may import when its grant is not yet known. */
    public static CapabilityGrant everyFunctionGrant() {
        return new CapabilityGrant(functionNames(), List.of(), List.of(), List.of());
    }

    /**
     * Checks imports and exports against the ABI, then the imports and the message handler against the
     * grant; a module that breaks the ABI is reported as such whatever its grant.
     */
    public static Optional<Violation> check(ParsedModule module, CapabilityGrant grant) {
        Optional<Violation> problem = checkImports(module);
        if (problem.isEmpty()) {
            problem = checkExports(module);
        }
        return problem.isPresent() ? problem : checkGrant(module, grant);
    }

    private static Optional<Violation> checkImports(ParsedModule module) {
        for (ParsedModule.Import imp : module.imports()) {
            String what = "import " + imp.module() + "." + imp.name();
            if (!MODULE.equals(imp.module())) {
                return module(what + " is unknown: agents may only import host functions of module '" + MODULE + "'");
            }
            if (imp.kind() != ParsedModule.KIND_FUNC) {
                return module(what + " is not a function: agents may only import host functions");
            }
            HostFunctionSpec spec = FUNCTIONS.get(imp.name());
            if (spec == null) {
                return module(what + " is unknown: no such host function in ABI v" + VERSION);
            }
            ParsedModule.FuncType type = module.types().get(imp.typeIndex());
            if (!type.sameAs(spec.params(), spec.results())) {
                return module(what + " has signature " + type.describe() + ", the ABI requires "
                        + new ParsedModule.FuncType(spec.params(), spec.results()).describe());
            }
        }
        return Optional.empty();
    }

    private static Optional<Violation> checkExports(ParsedModule module) {
        Optional<ParsedModule.Export> memory = module.export("memory");
        if (memory.isEmpty() || memory.get().kind() != ParsedModule.KIND_MEMORY) {
            return module("missing required export memory (the agent's linear memory)");
        }
        if (module.memory().isEmpty()) {
            return module("export memory must be a memory defined by the module, not imported");
        }
        for (HostFunctionSpec required : REQUIRED_EXPORTS) {
            Optional<Violation> problem = checkFunctionExport(module, required, true);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return checkFunctionExport(module, ON_MESSAGE, false);
    }

    /** Runs after {@link #checkImports}: every import is a known host function. */
    private static Optional<Violation> checkGrant(ParsedModule module, CapabilityGrant grant) {
        // Every ungranted import at once, in import order, so one refusal names all that the grant must add.
        java.util.Set<String> ungranted = new java.util.LinkedHashSet<>();
        for (ParsedModule.Import imp : module.imports()) {
            HostFunctionSpec spec = FUNCTIONS.get(imp.name());
            if (!spec.always() && !grant.grants(spec.name())) {
                ungranted.add(spec.name());
            }
        }
        if (!ungranted.isEmpty()) {
            String imports = ungranted.stream().map(n -> MODULE + "." + n).collect(java.util.stream.Collectors.joining(", "));
            String names = ungranted.stream().map(n -> "'" + n + "'").collect(java.util.stream.Collectors.joining(", "));
            return Optional.of(new Violation(Fault.UNGRANTED_IMPORT, (ungranted.size() == 1 ? "import " + imports
                    + " is not granted" : "imports " + imports + " are not granted")
                    + " (the mission's host_functions do not list " + names + ")"));
        }
        if (!grant.subscribeTopics().isEmpty() && module.export(ON_MESSAGE.name()).isEmpty()) {
            return Optional.of(new Violation(Fault.NO_MESSAGE_HANDLER, "missing required export " + ON_MESSAGE.name()
                    + " " + new ParsedModule.FuncType(ON_MESSAGE.params(), ON_MESSAGE.results()).describe()
                    + " (the grant has subscribe_topics)"));
        }
        return Optional.empty();
    }

    private static Optional<Violation> checkFunctionExport(ParsedModule module, HostFunctionSpec spec, boolean required) {
        Optional<ParsedModule.Export> export = module.export(spec.name());
        String expected = new ParsedModule.FuncType(spec.params(), spec.results()).describe();
        if (export.isEmpty()) {
            return required ? module("missing required export " + spec.name() + " " + expected) : Optional.empty();
        }
        if (export.get().kind() != ParsedModule.KIND_FUNC) {
            return module("export " + spec.name() + " must be a function " + expected);
        }
        int index = export.get().index();
        int total = module.importedFunctions() + module.definedFunctionTypes().length;
        if (index >= total) {
            return module("export " + spec.name() + " refers to unknown function " + index);
        }
        ParsedModule.FuncType type = module.functionType(index);
        if (!type.sameAs(spec.params(), spec.results())) {
            return module("export " + spec.name() + " has signature " + type.describe() + ", the ABI requires "
                    + expected);
        }
        return Optional.empty();
    }

    private static Optional<Violation> module(String message) {
        return Optional.of(new Violation(Fault.MODULE, message));
    }
}
