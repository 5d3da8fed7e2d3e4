package io.lockstep.runtime.wasm;

import java.util.List;
import java.util.Optional;

/**
 * The parts of a Wasm module the loader and the metering pass need: section layout, function types,
 * imports, exports, memory, start function and code bodies. Indices follow the Wasm index spaces.
 * {@code maxFunctionReference} is the largest function index named outside code (exports, start, element
 * segments, constant expressions), -1 when none.
 */
public record ParsedModule(byte[] bytes, List<Section> sections, List<FuncType> types, List<Import> imports,
                           int[] definedFunctionTypes, int definedGlobals, List<Export> exports,
                           Optional<Integer> startFunction, Optional<MemoryType> memory, List<Body> bodies,
                           long maxFunctionReference) {

    public static final int KIND_FUNC = 0;
    public static final int KIND_TABLE = 1;
    public static final int KIND_MEMORY = 2;
    public static final int KIND_GLOBAL = 3;
    public static final int KIND_TAG = 4;

    /** One section: its id and the payload's byte range in {@link #bytes()}. */
    public record Section(int id, int start, int end) {
    }

    /** A function type; parameters and results as Wasm value type bytes (0x7F i32 ... 0x7C f64). */
    public record FuncType(byte[] params, byte[] results) {
        public String describe() {
            return "(" + names(params) + ") -> (" + names(results) + ")";
        }

        public boolean sameAs(byte[] p, byte[] r) {
            return java.util.Arrays.equals(params, p) && java.util.Arrays.equals(results, r);
        }

        private static String names(byte[] types) {
            StringBuilder sb = new StringBuilder();
            for (byte t : types) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(ValueTypes.name(t));
            }
            return sb.toString();
        }
    }

    /** An import; {@code typeIndex} is meaningful for functions only. */
    public record Import(String module, String name, int kind, int typeIndex) {
    }

    public record Export(String name, int kind, int index) {
    }

    /** The module's memory (defined, not imported): limits in pages, {@code max} -1 when absent. */
    public record MemoryType(long min, long max) {
    }

    /** One function body: byte range in {@link #bytes()}, after its size prefix. */
    public record Body(int start, int end) {
    }

    public int importedFunctions() {
        return (int) imports.stream().filter(i -> i.kind() == KIND_FUNC).count();
    }

    public int importedGlobals() {
        return (int) imports.stream().filter(i -> i.kind() == KIND_GLOBAL).count();
    }

    public int totalFunctions() {
        return importedFunctions() + definedFunctionTypes.length;
    }

    public int totalGlobals() {
        return importedGlobals() + definedGlobals;
    }

    /** Type of a function in the function index space (imports first). */
    public FuncType functionType(int functionIndex) {
        int imported = importedFunctions();
        if (functionIndex < imported) {
            int seen = 0;
            for (Import i : imports) {
                if (i.kind() == KIND_FUNC && seen++ == functionIndex) {
                    return types.get(i.typeIndex());
                }
            }
        }
        return types.get(definedFunctionTypes[functionIndex - imported]);
    }

    public Optional<Export> export(String name) {
        return exports.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Optional<Section> section(int id) {
        return sections.stream().filter(s -> s.id() == id).findFirst();
    }
}
