package io.lockstep.runtime.wasm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the structure of a Wasm binary into a {@link ParsedModule}. It checks what the runtime relies on
 * (section order, counts, bounds, the accepted feature set); full validation is left to Chicory, which
 * runs on the instrumented module.
 */
public final class ModuleParser {
    private static final int MAX_ENTRIES = 1_000_000;
    private static final int MAX_TYPE_ARITY = 1_000;

    private ModuleParser() {
    }

    public static ParsedModule parse(byte[] bytes) throws WasmFormatException {
        if (bytes.length == 0) {
            throw new WasmFormatException("the module is empty");
        }
        if (bytes.length < 8 || bytes[0] != 0 || bytes[1] != 'a' || bytes[2] != 's' || bytes[3] != 'm') {
            throw new WasmFormatException("not a WebAssembly module (bad magic)");
        }
        if (bytes[4] != 1 || bytes[5] != 0 || bytes[6] != 0 || bytes[7] != 0) {
            throw new WasmFormatException("unsupported WebAssembly binary version (only 1 is accepted)");
        }
        WasmInput in = new WasmInput(bytes, 8, bytes.length);
        List<ParsedModule.Section> sections = new ArrayList<>();
        List<ParsedModule.FuncType> types = new ArrayList<>();
        List<ParsedModule.Import> imports = new ArrayList<>();
        int[] functionTypes = new int[0];
        int globals = 0;
        List<ParsedModule.Export> exports = new ArrayList<>();
        Optional<Integer> start = Optional.empty();
        Optional<ParsedModule.MemoryType> memory = Optional.empty();
        List<ParsedModule.Body> bodies = new ArrayList<>();
        FunctionReferences refs = new FunctionReferences();
        int lastOrder = 0;
        while (!in.atEnd()) {
            int id = in.u8();
            int size = in.index(bytes.length, "section size");
            int payloadStart = in.position();
            in.skip(size);
            int payloadEnd = in.position();
            sections.add(new ParsedModule.Section(id, payloadStart, payloadEnd));
            if (id == 0) {
                continue;
            }
            int order = sectionOrder(id);
            if (order <= lastOrder) {
                throw new WasmFormatException("section " + id + " out of order or repeated");
            }
            lastOrder = order;
            WasmInput s = new WasmInput(bytes, payloadStart, payloadEnd);
            switch (id) {
                case 1 -> readTypes(s, types);
                case 2 -> readImports(s, imports, types.size());
                case 3 -> {
                    int n = s.index(MAX_ENTRIES, "function count");
                    functionTypes = new int[n];
                    for (int i = 0; i < n; i++) {
                        functionTypes[i] = s.index(types.size() - 1, "function type index");
                    }
                }
                case 4 -> skipTables(s);
                case 5 -> memory = readMemory(s);
                case 6 -> globals = readGlobals(s, refs);
                case 7 -> readExports(s, exports, refs);
                case 8 -> {
                    start = Optional.of(s.index(MAX_ENTRIES, "start function index"));
                    refs.note(start.get());
                }
                case 9 -> readElements(s, refs);
                case 10 -> readBodies(s, bodies);
                case 11, 12 -> s.skip(payloadEnd - payloadStart);
                case 13 -> throw new WasmFormatException("exception handling (tag section) is not supported");
                default -> throw new WasmFormatException("unknown section id " + id);
            }
            if (!s.atEnd()) {
                throw new WasmFormatException("section " + id + " has trailing bytes");
            }
        }
        if (bodies.size() != functionTypes.length) {
            throw new WasmFormatException("function and code section counts differ (" + functionTypes.length
                    + " vs " + bodies.size() + ")");
        }
        return new ParsedModule(bytes, List.copyOf(sections), List.copyOf(types), List.copyOf(imports),
                functionTypes, globals, List.copyOf(exports), start, memory, List.copyOf(bodies), refs.max);
    }

    private static int sectionOrder(int id) throws WasmFormatException {
        return switch (id) {
            case 1, 2, 3, 4, 5 -> id;
            case 13 -> 6;
            case 6 -> 7;
            case 7 -> 8;
            case 8 -> 9;
            case 9 -> 10;
            case 12 -> 11;
            case 10 -> 12;
            case 11 -> 13;
            default -> throw new WasmFormatException("unknown section id " + id);
        };
    }

    private static void readTypes(WasmInput s, List<ParsedModule.FuncType> types) throws WasmFormatException {
        int n = s.index(MAX_ENTRIES, "type count");
        for (int i = 0; i < n; i++) {
            int form = s.u8();
            if (form != 0x60) {
                throw new WasmFormatException(String.format("type %d: unsupported type form 0x%02x (GC types)", i, form));
            }
            byte[] params = new byte[s.index(MAX_TYPE_ARITY, "parameter count")];
            for (int p = 0; p < params.length; p++) {
                params[p] = ValueTypes.read(s, "type " + i);
            }
            byte[] results = new byte[s.index(MAX_TYPE_ARITY, "result count")];
            for (int r = 0; r < results.length; r++) {
                results[r] = ValueTypes.read(s, "type " + i);
            }
            types.add(new ParsedModule.FuncType(params, results));
        }
    }

    private static void readImports(WasmInput s, List<ParsedModule.Import> imports, int typeCount)
            throws WasmFormatException {
        int n = s.index(MAX_ENTRIES, "import count");
        for (int i = 0; i < n; i++) {
            String module = s.name();
            String name = s.name();
            int kind = s.u8();
            int typeIndex = -1;
            switch (kind) {
                case ParsedModule.KIND_FUNC -> typeIndex = s.index(typeCount - 1, "import type index");
                case ParsedModule.KIND_TABLE -> {
                    ValueTypes.read(s, "table import");
                    limits(s, false);
                }
                case ParsedModule.KIND_MEMORY -> limits(s, true);
                case ParsedModule.KIND_GLOBAL -> {
                    ValueTypes.read(s, "global import");
                    s.u8();
                }
                default -> throw new WasmFormatException("import " + module + "." + name + " has unsupported kind " + kind);
            }
            imports.add(new ParsedModule.Import(module, name, kind, typeIndex));
        }
    }

    private static void skipTables(WasmInput s) throws WasmFormatException {
        int n = s.index(MAX_ENTRIES, "table count");
        for (int i = 0; i < n; i++) {
            ValueTypes.read(s, "table");
            limits(s, false);
        }
    }

    private static Optional<ParsedModule.MemoryType> readMemory(WasmInput s) throws WasmFormatException {
        int n = s.index(1, "memory count");
        if (n == 0) {
            return Optional.empty();
        }
        return Optional.of(limits(s, true));
    }

    private static ParsedModule.MemoryType limits(WasmInput s, boolean memory) throws WasmFormatException {
        int flags = s.u8();
        if (flags > 1) {
            throw new WasmFormatException(memory ? "shared or 64-bit memories are not supported" : "unsupported table limits");
        }
        long min = s.u32();
        long max = flags == 1 ? s.u32() : -1;
        if (max >= 0 && max < min) {
            throw new WasmFormatException("limits maximum " + max + " is below minimum " + min);
        }
        return new ParsedModule.MemoryType(min, max);
    }

    /** The largest function index referenced outside code (exports, start, elements, constant expressions). */
    private static final class FunctionReferences {
        long max = -1;

        void note(long index) {
            max = Math.max(max, index);
        }
    }

    private static int readGlobals(WasmInput s, FunctionReferences refs) throws WasmFormatException {
        int n = s.index(MAX_ENTRIES, "global count");
        for (int i = 0; i < n; i++) {
            ValueTypes.read(s, "global " + i);
            int mut = s.u8();
            if (mut > 1) {
                throw new WasmFormatException("global " + i + " has invalid mutability " + mut);
            }
            skipConstExpr(s, refs);
        }
        return n;
    }

    static void skipConstExpr(WasmInput s, FunctionReferences refs) throws WasmFormatException {
        int guard = 0;
        while (true) {
            Instruction insn = InstructionDecoder.next(s);
            if (insn.op() == Opcodes.END) {
                return;
            }
            if (insn.op() == Opcodes.REF_FUNC) {
                refs.note(insn.index());
            }
            if (++guard > 10_000) {
                throw new WasmFormatException("constant expression too long");
            }
        }
    }

    private static void readExports(WasmInput s, List<ParsedModule.Export> exports, FunctionReferences refs)
            throws WasmFormatException {
        int n = s.index(MAX_ENTRIES, "export count");
        for (int i = 0; i < n; i++) {
            String name = s.name();
            int kind = s.u8();
            int index = s.index(Integer.MAX_VALUE, "export index");
            if (kind == ParsedModule.KIND_FUNC) {
                refs.note(index);
            }
            exports.add(new ParsedModule.Export(name, kind, index));
        }
    }

    /** Element segments, in all eight encodings; only the function indices they hold matter here. */
    private static void readElements(WasmInput s, FunctionReferences refs) throws WasmFormatException {
        int n = s.index(MAX_ENTRIES, "element segment count");
        for (int i = 0; i < n; i++) {
            long flags = s.u32();
            if (flags > 7) {
                throw new WasmFormatException("element segment " + i + " has invalid flags " + flags);
            }
            boolean passiveOrDeclarative = (flags & 1) != 0;
            boolean explicitTable = (flags & 2) != 0;
            boolean expressions = (flags & 4) != 0;
            if (!passiveOrDeclarative && explicitTable) {
                s.u32();
            }
            if (!passiveOrDeclarative) {
                skipConstExpr(s, refs);
            }
            if (passiveOrDeclarative || explicitTable) {
                if (expressions) {
                    ValueTypes.read(s, "element segment " + i);
                } else if (s.u8() != 0) {
                    throw new WasmFormatException("element segment " + i + " has an unknown element kind");
                }
            }
            int count = s.index(MAX_ENTRIES, "element count");
            for (int e = 0; e < count; e++) {
                if (expressions) {
                    skipConstExpr(s, refs);
                } else {
                    refs.note(s.u32());
                }
            }
        }
    }

    private static void readBodies(WasmInput s, List<ParsedModule.Body> bodies) throws WasmFormatException {
        int n = s.index(MAX_ENTRIES, "code count");
        for (int i = 0; i < n; i++) {
            int size = s.index(s.limit() - s.position(), "function body size");
            int start = s.position();
            s.skip(size);
            bodies.add(new ParsedModule.Body(start, s.position()));
        }
    }
}
