package io.lockstep.c2.module;

import static com.dylibso.chicory.wasm.types.ValType.I32;
import static com.dylibso.chicory.wasm.types.ValType.I64;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryImport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks uploaded agent modules against agent ABI v1 (docs/agent-abi.md) before C2 stores them.
 *
 * <p>The edge runtime library has no bytes-only validation entry point (its loader needs a full agent
 * definition with grants and limits), so this class parses with Chicory's {@link Parser} (Chicory is the
 * edge's Wasm engine) and applies the ABI's export and import rules itself. It is the only class to change
 * when C2 switches to the runtime's own checks. Grant-dependent rules (which optional host functions an
 * agent may import, memory limits) are checked per mission by MissionValidator.
 */
public final class ModuleValidator {

    public static final int ABI_VERSION = 1;

    private static final Map<String, FunctionType> REQUIRED_FUNCTIONS = Map.of(
            "lockstep_abi_version", FunctionType.of(List.of(), List.of(I32)),
            "lockstep_alloc", FunctionType.of(List.of(I32), List.of(I32)),
            "lockstep_init", FunctionType.of(List.of(I32, I32), List.of(I32)),
            "lockstep_tick", FunctionType.of(List.of(I64), List.of(I32)));

    private static final String ON_MESSAGE = "lockstep_on_message";
    private static final FunctionType ON_MESSAGE_TYPE = FunctionType.of(List.of(I32, I32, I32, I32), List.of(I32));

    private ModuleValidator() {
    }

    public static ModuleInfo validate(byte[] bytes) throws InvalidModuleException {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidModuleException("the module is empty");
        }
        WasmModule module = parse(bytes);
        List<Integer> importedFunctionTypes = new ArrayList<>();
        List<String> hostImports = new ArrayList<>();
        checkImports(module, importedFunctionTypes, hostImports);
        Map<String, Export> exports = exportsByName(module);

        Export memory = exports.get("memory");
        if (memory == null || memory.exportType() != ExternalType.MEMORY) {
            throw new InvalidModuleException("missing required export 'memory' (a memory)");
        }
        for (Map.Entry<String, FunctionType> required : REQUIRED_FUNCTIONS.entrySet()) {
            checkFunctionExport(module, importedFunctionTypes, exports, required.getKey(), required.getValue(), true);
        }
        boolean handlesMessages =
                checkFunctionExport(module, importedFunctionTypes, exports, ON_MESSAGE, ON_MESSAGE_TYPE, false);
        int minMemoryPages = module.memorySection()
                .filter(section -> section.memoryCount() > 0)
                .map(section -> section.getMemory(0).limits().initialPages())
                .orElse(0);
        return new ModuleInfo(List.copyOf(hostImports), handlesMessages, minMemoryPages);
    }

    private static WasmModule parse(byte[] bytes) throws InvalidModuleException {
        try {
            return Parser.parse(bytes);
        } catch (RuntimeException | StackOverflowError e) {
            throw new InvalidModuleException("not a valid WebAssembly module: " + describe(e), e);
        } catch (OutOfMemoryError e) {
            // A hostile module can declare a huge vector length; that one allocation fails, nothing else.
            throw new InvalidModuleException("not a valid WebAssembly module: declared sizes are too large", e);
        }
    }

    private static void checkImports(WasmModule module, List<Integer> importedFunctionTypes, List<String> hostImports)
            throws InvalidModuleException {
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imp = module.importSection().getImport(i);
            String where = "import '" + imp.module() + "." + imp.name() + "'";
            if (imp instanceof MemoryImport memoryImport) {
                throw new InvalidModuleException(where + ": an agent must define its own memory, not import one ("
                        + memoryImport.limits().initialPages() + " pages requested)");
            }
            if (!(imp instanceof FunctionImport function)) {
                throw new InvalidModuleException(where + ": only host functions may be imported");
            }
            if (!HostFunctionTable.IMPORT_MODULE.equals(imp.module())) {
                throw new InvalidModuleException(where + ": unknown import module, only '"
                        + HostFunctionTable.IMPORT_MODULE + "' exists");
            }
            if (!HostFunctionTable.exists(imp.name())) {
                throw new InvalidModuleException(where + ": no such host function in ABI v" + ABI_VERSION);
            }
            FunctionType declared = type(module, function.typeIndex(), where);
            FunctionType expected = HostFunctionTable.signature(imp.name());
            if (!declared.typesMatch(expected)) {
                throw new InvalidModuleException(where + ": signature " + render(declared) + " does not match ABI "
                        + render(expected));
            }
            importedFunctionTypes.add(function.typeIndex());
            hostImports.add(imp.name());
        }
    }

    private static Map<String, Export> exportsByName(WasmModule module) {
        Map<String, Export> exports = new HashMap<>();
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export export = module.exportSection().getExport(i);
            exports.put(export.name(), export);
        }
        return exports;
    }

    private static boolean checkFunctionExport(WasmModule module, List<Integer> importedFunctionTypes,
            Map<String, Export> exports, String name, FunctionType expected, boolean required)
            throws InvalidModuleException {
        Export export = exports.get(name);
        if (export == null) {
            if (required) {
                throw new InvalidModuleException("missing required export '" + name + "' " + render(expected));
            }
            return false;
        }
        String where = "export '" + name + "'";
        if (export.exportType() != ExternalType.FUNCTION) {
            throw new InvalidModuleException(where + " must be a function " + render(expected));
        }
        FunctionType actual = functionType(module, importedFunctionTypes, export.index(), where);
        if (!actual.typesMatch(expected)) {
            throw new InvalidModuleException(where + " has signature " + render(actual) + ", ABI v" + ABI_VERSION
                    + " requires " + render(expected));
        }
        return true;
    }

    private static FunctionType functionType(WasmModule module, List<Integer> importedFunctionTypes, int index,
            String where) throws InvalidModuleException {
        if (index < importedFunctionTypes.size()) {
            return type(module, importedFunctionTypes.get(index), where);
        }
        int local = index - importedFunctionTypes.size();
        if (local < 0 || local >= module.functionSection().functionCount()) {
            throw new InvalidModuleException(where + " refers to function " + index + ", which does not exist");
        }
        return type(module, module.functionSection().getFunctionType(local), where);
    }

    private static FunctionType type(WasmModule module, int typeIndex, String where) throws InvalidModuleException {
        if (typeIndex < 0 || typeIndex >= module.typeSection().typeCount()) {
            throw new InvalidModuleException(where + " refers to type " + typeIndex + ", which does not exist");
        }
        return module.typeSection().getType(typeIndex);
    }

    private static String render(FunctionType type) {
        return type.params() + " -> " + type.returns();
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
