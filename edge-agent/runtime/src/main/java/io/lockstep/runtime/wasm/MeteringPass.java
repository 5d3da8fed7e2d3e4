package io.lockstep.runtime.wasm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Wasm-to-Wasm pass that makes execution limits deterministic in every execution mode. It returns a new
 * module in which:
 * <ul>
 *   <li>a mutable i64 fuel global ({@value #FUEL_EXPORT}) is charged on function entry with the instruction
 *       count of the body outside loops, and at every loop header with the instruction count of the loop body
 *       (nested loops excluded); bulk memory operations also pay one unit per 64 bytes; a charge traps
 *       ({@code unreachable}) when fuel goes negative, so exhaustion traps at the same point every run;</li>
 *   <li>a mutable i32 depth global ({@value #DEPTH_EXPORT}) is incremented at entry of every function that
 *       calls others (leaf functions cannot deepen the stack further) and decremented
 *       on every exit (each body is wrapped in a block and {@code return} becomes a branch to it); exceeding
 *       the limit traps;</li>
 *   <li>every computed f32/f64 value that can be NaN (arithmetic, rounding, sign ops, demote/promote) is
 *       replaced by the canonical quiet NaN ({@code 0x7fc00000} / {@code 0x7ff8000000000000}) when it is a
 *       NaN;</li>
 *   <li>{@code i32.store8}, {@code i64.store8} and {@code i64.store32} with a non-zero offset compute their
 *       address without wrapping past 2^32 ({@link WrappingStores}), where Chicory's interpreter wraps;</li>
 *   <li>the memory maximum is clamped to the page limit;</li>
 *   <li>the start function is no longer run by instantiation but exported as {@value #START_EXPORT}, so the
 *       host runs it under fuel and can classify its faults.</li>
 * </ul>
 * The checks live in small appended helper functions ({@link RuntimeHelpers}); instrumented code only calls
 * them. No function, global or type index of the original module changes: new functions, globals and types
 * are appended, and the original code may not reference them.
 */
public final class MeteringPass {
    public static final String FUEL_EXPORT = "lockstep$fuel";
    public static final String DEPTH_EXPORT = "lockstep$depth";
    public static final String START_EXPORT = "lockstep$start";
    static final String RESERVED_PREFIX = "lockstep$";
    /** Functions the pass appends after the module's own. */
    public static final int HELPER_FUNCTIONS = RuntimeHelpers.COUNT;
    /** Bulk memory operations pay one fuel unit per 2^6 bytes. */
    static final int BULK_BYTES_SHIFT = 6;
    private static final int MAX_LOCALS = 50_000;
    private static final int MAX_INSTRUCTIONS_PER_FUNCTION = 5_000_000;

    private MeteringPass() {
    }

    /** The instrumented module bytes and whether it had a start function. */
    public record Result(byte[] bytes, boolean hasStart) {
    }

    /**
     * @param module        parsed original module
     * @param initialFuel   initial value of the fuel global (the budget of the start function)
     * @param maxCallDepth  frames allowed before {@code CALL_DEPTH_EXCEEDED}
     * @param maxPages      memory page limit; the caller has checked that the memory's initial size fits
     *                      ({@code io.lockstep.runtime.engine.ModuleChecks}), the pass only clamps its maximum
     * @throws WasmFormatException when the module breaks a limit or uses a refused feature
     */
    public static Result instrument(ParsedModule module, long initialFuel, int maxCallDepth, int maxPages)
            throws WasmFormatException {
        for (ParsedModule.Export e : module.exports()) {
            if (e.name().startsWith(RESERVED_PREFIX)) {
                throw new WasmFormatException("export " + e.name() + " uses the reserved prefix " + RESERVED_PREFIX);
            }
        }
        if (module.section(3).isEmpty() || module.section(10).isEmpty()) {
            throw new WasmFormatException("module defines no functions");
        }
        if (module.maxFunctionReference() >= module.totalFunctions()) {
            throw new WasmFormatException("module references unknown function " + module.maxFunctionReference());
        }
        int fuelGlobal = module.totalGlobals();
        int depthGlobal = fuelGlobal + 1;
        List<ParsedModule.FuncType> addedTypes = new ArrayList<>();
        RuntimeHelpers helpers = new RuntimeHelpers(module, addedTypes);
        byte[] code = rewriteCode(module, helpers, fuelGlobal, depthGlobal, maxCallDepth, addedTypes);

        byte[] src = module.bytes();
        WasmOutput out = new WasmOutput(src.length * 2 + 64);
        out.bytes(src, 0, 8);
        boolean globalsWritten = false;
        boolean exportsWritten = false;
        for (ParsedModule.Section s : module.sections()) {
            int order = orderOf(s.id());
            if (!globalsWritten && s.id() != 6 && order > 7) {
                out.section(6, globals(null, src, 0, initialFuel));
                globalsWritten = true;
            }
            if (!exportsWritten && s.id() != 7 && order > 8) {
                out.section(7, exports(null, src, fuelGlobal, depthGlobal, module));
                exportsWritten = true;
            }
            switch (s.id()) {
                case 1 -> out.section(1, appendTypes(src, s, addedTypes));
                case 3 -> out.section(3, appendFunctions(src, s, helpers));
                case 5 -> {
                    if (module.memory().isPresent()) {
                        out.section(5, memory(module.memory().get(), maxPages));
                    } else {
                        out.bytes(src, headerStart(src, s), s.end());
                    }
                }
                case 6 -> {
                    out.section(6, globals(s, src, module.definedGlobals(), initialFuel));
                    globalsWritten = true;
                }
                case 7 -> {
                    out.section(7, exports(s, src, fuelGlobal, depthGlobal, module));
                    exportsWritten = true;
                }
                case 8 -> {
                    // Dropped: the start function is exported and run by the host under fuel.
                }
                case 10 -> out.section(10, code);
                default -> out.bytes(src, headerStart(src, s), s.end());
            }
        }
        if (!globalsWritten) {
            out.section(6, globals(null, src, 0, initialFuel));
        }
        if (!exportsWritten) {
            out.section(7, exports(null, src, fuelGlobal, depthGlobal, module));
        }
        return new Result(out.toByteArray(), module.startFunction().isPresent());
    }

    private static int orderOf(int id) {
        return switch (id) {
            case 0 -> 0;
            case 13 -> 6;
            case 6 -> 7;
            case 7 -> 8;
            case 8 -> 9;
            case 9 -> 10;
            case 12 -> 11;
            case 10 -> 12;
            case 11 -> 13;
            default -> id;
        };
    }

    /** Start of a section's id byte, found by walking back over the size LEB. */
    private static int headerStart(byte[] src, ParsedModule.Section s) {
        int p = s.start() - 1;
        // The size LEB ends at s.start()-1; its earlier bytes have the continuation bit set.
        while ((src[p - 1] & 0x80) != 0) {
            p--;
        }
        return p - 1;
    }

    private static byte[] appendTypes(byte[] src, ParsedModule.Section s, List<ParsedModule.FuncType> added)
            throws WasmFormatException {
        WasmInput in = new WasmInput(src, s.start(), s.end());
        long count = in.u32();
        WasmOutput out = new WasmOutput(s.end() - s.start() + 16 * added.size());
        out.u32(count + added.size());
        out.bytes(src, in.position(), s.end());
        for (ParsedModule.FuncType t : added) {
            out.u8(0x60).u32(t.params().length).bytes(t.params()).u32(t.results().length).bytes(t.results());
        }
        return out.toByteArray();
    }

    private static byte[] appendFunctions(byte[] src, ParsedModule.Section s, RuntimeHelpers helpers)
            throws WasmFormatException {
        WasmInput in = new WasmInput(src, s.start(), s.end());
        long count = in.u32();
        WasmOutput out = new WasmOutput(s.end() - s.start() + 16);
        out.u32(count + RuntimeHelpers.COUNT);
        out.bytes(src, in.position(), s.end());
        for (int type : helpers.typeIndices()) {
            out.u32(type);
        }
        return out.toByteArray();
    }

    private static byte[] memory(ParsedModule.MemoryType memory, int maxPages) {
        long max = memory.max() < 0 ? maxPages : Math.min(memory.max(), maxPages);
        return new WasmOutput(12).u32(1).u8(1).u32(memory.min()).u32(max).toByteArray();
    }

    private static byte[] globals(ParsedModule.Section s, byte[] src, int definedGlobals, long initialFuel)
            throws WasmFormatException {
        WasmOutput out = new WasmOutput(32 + (s == null ? 0 : s.end() - s.start()));
        out.u32(definedGlobals + 2L);
        if (s != null) {
            WasmInput in = new WasmInput(src, s.start(), s.end());
            in.u32();
            out.bytes(src, in.position(), s.end());
        }
        out.u8(ValueTypes.I64).u8(1).u8(Opcodes.I64_CONST).sleb(initialFuel).u8(Opcodes.END);
        out.u8(ValueTypes.I32).u8(1).u8(Opcodes.I32_CONST).sleb(0).u8(Opcodes.END);
        return out.toByteArray();
    }

    private static byte[] exports(ParsedModule.Section s, byte[] src, int fuelGlobal, int depthGlobal,
                                  ParsedModule module) throws WasmFormatException {
        WasmOutput out = new WasmOutput(64 + (s == null ? 0 : s.end() - s.start()));
        boolean start = module.startFunction().isPresent();
        out.u32(module.exports().size() + 2L + (start ? 1 : 0));
        if (s != null) {
            WasmInput in = new WasmInput(src, s.start(), s.end());
            in.u32();
            out.bytes(src, in.position(), s.end());
        }
        out.name(FUEL_EXPORT).u8(ParsedModule.KIND_GLOBAL).u32(fuelGlobal);
        out.name(DEPTH_EXPORT).u8(ParsedModule.KIND_GLOBAL).u32(depthGlobal);
        if (start) {
            out.name(START_EXPORT).u8(ParsedModule.KIND_FUNC).u32(module.startFunction().get());
        }
        return out.toByteArray();
    }

    private static byte[] rewriteCode(ParsedModule module, RuntimeHelpers helpers, int fuelGlobal, int depthGlobal,
                                      int maxDepth, List<ParsedModule.FuncType> addedTypes)
            throws WasmFormatException {
        List<ParsedModule.Body> bodies = module.bodies();
        WasmOutput out = new WasmOutput(module.bytes().length * 2);
        out.u32(bodies.size() + (long) RuntimeHelpers.COUNT);
        int imported = module.importedFunctions();
        for (int f = 0; f < bodies.size(); f++) {
            ParsedModule.FuncType type = module.types().get(module.definedFunctionTypes()[f]);
            int wrapperType = wrapperBlockType(module, type, addedTypes);
            BodyRewriter rewriter = new BodyRewriter(module, bodies.get(f), helpers, wrapperType, imported + f);
            byte[] body = rewriter.rewrite();
            out.u32(body.length).bytes(body);
        }
        for (byte[] helper : helpers.bodies(fuelGlobal, depthGlobal, maxDepth)) {
            out.bytes(helper);
        }
        return out.toByteArray();
    }

    /** Block type for the body wrapper: empty, one value type, or a (possibly added) [] -> results type. */
    private static int wrapperBlockType(ParsedModule module, ParsedModule.FuncType type,
                                        List<ParsedModule.FuncType> added) {
        byte[] results = type.results();
        if (results.length == 0) {
            return -1;
        }
        if (results.length == 1) {
            return -2 - (results[0] & 0xFF);
        }
        return RuntimeHelpers.typeIndex(module.types(), added, new byte[0], results);
    }

    /** Rewrites one function body. */
    private static final class BodyRewriter {
        private final byte[] src;
        private final ParsedModule.Body body;
        private final ParsedModule.FuncType type;
        private final int originalGlobals;
        private final int originalFunctions;
        private final RuntimeHelpers helpers;
        private final int wrapperType;
        private final int functionIndex;
        private final ParsedModule module;

        BodyRewriter(ParsedModule module, ParsedModule.Body body, RuntimeHelpers helpers, int wrapperType,
                     int functionIndex) {
            this.module = module;
            this.src = module.bytes();
            this.body = body;
            this.type = module.functionType(functionIndex);
            this.originalGlobals = module.totalGlobals();
            this.originalFunctions = module.totalFunctions();
            this.helpers = helpers;
            this.wrapperType = wrapperType;
            this.functionIndex = functionIndex;
        }

        byte[] rewrite() throws WasmFormatException {
            WasmInput in = new WasmInput(src, body.start(), body.end());
            int groups = in.index(MAX_LOCALS, "function " + functionIndex + " local group count");
            int groupsStart = in.position();
            long locals = type.params().length;
            for (int g = 0; g < groups; g++) {
                locals += in.u32();
                ValueTypes.read(in, "function " + functionIndex + " locals");
                if (locals > MAX_LOCALS) {
                    throw new WasmFormatException("function " + functionIndex + " declares more than "
                            + MAX_LOCALS + " locals");
                }
            }
            int localsEnd = in.position();
            List<Instruction> code = decode(in);
            int[] loopRegion = new int[code.size()];
            long[] regionCost = regionCosts(code, loopRegion);

            boolean wrappingStores = WrappingStores.any(src, code);
            WasmOutput out = new WasmOutput((body.end() - body.start()) * 2 + 64);
            if (wrappingStores) {
                out.u32(groups + 2L).bytes(src, groupsStart, localsEnd);
                WrappingStores.declareScratch(out);
            } else {
                out.bytes(src, body.start(), localsEnd);
            }
            // A leaf (no calls) cannot deepen the stack further, so it only pays fuel: the depth limit then
            // bounds the frames that call, and at most one leaf frame sits on top of them.
            boolean leaf = code.stream().noneMatch(c -> c.op() == Opcodes.CALL || c.op() == Opcodes.CALL_INDIRECT);
            out.u8(Opcodes.I64_CONST).sleb(regionCost[0]);
            call(out, leaf ? RuntimeHelpers.CHARGE : RuntimeHelpers.ENTER);
            out.u8(Opcodes.BLOCK);
            if (wrapperType == -1) {
                out.u8(Opcodes.EMPTY_BLOCK);
            } else if (wrapperType <= -2) {
                out.u8(-2 - wrapperType);
            } else {
                out.sleb(wrapperType);
            }
            int open = 0;
            for (int i = 0; i < code.size() - 1; i++) {
                Instruction insn = code.get(i);
                if (insn.op() == Opcodes.RETURN) {
                    out.u8(Opcodes.BR).u32(open);
                } else if (wrappingStores && WrappingStores.rewritten(src, insn)) {
                    WrappingStores.emit(out, src, insn, locals);
                } else {
                    if (Opcodes.bulkMemory(insn.op())) {
                        call(out, RuntimeHelpers.CHARGE_BULK);
                    }
                    out.bytes(src, insn.start(), insn.end());
                }
                if (Opcodes.producesF32(insn.op())) {
                    call(out, RuntimeHelpers.CANONICAL_F32);
                } else if (Opcodes.producesF64(insn.op())) {
                    call(out, RuntimeHelpers.CANONICAL_F64);
                }
                if (insn.opens()) {
                    open++;
                } else if (insn.op() == Opcodes.END) {
                    open--;
                }
                if (insn.op() == Opcodes.LOOP) {
                    charge(out, regionCost[loopRegion[i]]);
                }
            }
            out.u8(Opcodes.END);
            if (!leaf) {
                call(out, RuntimeHelpers.LEAVE);
            }
            out.u8(Opcodes.END);
            return out.toByteArray();
        }

        private List<Instruction> decode(WasmInput in) throws WasmFormatException {
            List<Instruction> code = new ArrayList<>();
            StackBounds bounds = new StackBounds(module, functionIndex);
            int depth = 0;
            while (true) {
                Instruction insn = InstructionDecoder.next(in);
                code.add(insn);
                if (code.size() > MAX_INSTRUCTIONS_PER_FUNCTION) {
                    throw new WasmFormatException("function " + functionIndex + " is too large");
                }
                String refused = Opcodes.refusedStateful(insn.op());
                if (refused != null) {
                    throw new WasmFormatException("function " + functionIndex + " uses " + refused
                            + ", which changes table or segment state that snapshots do not capture");
                }
                if ((insn.op() == Opcodes.GLOBAL_GET || insn.op() == Opcodes.GLOBAL_SET)
                        && insn.index() >= originalGlobals) {
                    throw new WasmFormatException("function " + functionIndex + " uses unknown global " + insn.index());
                }
                if ((insn.op() == Opcodes.CALL || insn.op() == Opcodes.REF_FUNC) && insn.index() >= originalFunctions) {
                    throw new WasmFormatException("function " + functionIndex + " uses unknown function "
                            + insn.index());
                }
                bounds.step(insn);
                if (insn.opens()) {
                    depth++;
                } else if (insn.op() == Opcodes.END) {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                }
            }
            if (!in.atEnd()) {
                throw new WasmFormatException("function " + functionIndex + " has bytes after its final end");
            }
            return code;
        }

        /**
         * Fuel regions: region 0 is the function body outside any loop, and every loop is a region of its own.
         * Each instruction belongs to the innermost loop around it (a {@code loop} instruction itself to the
         * region around it, its {@code end} to the loop). A region's cost is its instruction count, whichever
         * arms of its ifs run: the function pays region 0 on entry and a loop pays its region at its header,
         * on entry and on every iteration. Between two charges at most the charged instructions can run (calls
         * charge their own), so every infinite computation runs out of fuel, at a point that depends only on
         * the program and its inputs.
         *
         * @param loopRegion filled with the region number of each loop instruction's body
         */
        private static long[] regionCosts(List<Instruction> code, int[] loopRegion) {
            long[] cost = new long[code.size() + 1];
            int[] openerIsLoop = new int[code.size()];
            int[] regionStack = new int[code.size() + 1];
            int regions = 1;
            int regionDepth = 0;
            int depth = 0;
            for (int i = 0; i < code.size(); i++) {
                Instruction insn = code.get(i);
                cost[regionStack[regionDepth]]++;
                if (insn.opens()) {
                    openerIsLoop[depth++] = insn.op() == Opcodes.LOOP ? 1 : 0;
                    if (insn.op() == Opcodes.LOOP) {
                        loopRegion[i] = regions;
                        regionStack[++regionDepth] = regions++;
                    }
                } else if (insn.op() == Opcodes.END && depth > 0) {
                    if (openerIsLoop[--depth] == 1) {
                        regionDepth--;
                    }
                }
            }
            return Arrays.copyOf(cost, regions);
        }

        private void call(WasmOutput out, int helper) {
            out.u8(Opcodes.CALL).u32(helpers.function(helper));
        }

        private void charge(WasmOutput out, long cost) {
            if (cost > 0) {
                out.u8(Opcodes.I64_CONST).sleb(cost);
                call(out, RuntimeHelpers.CHARGE);
            }
        }
    }
}
