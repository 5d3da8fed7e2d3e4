package io.lockstep.runtime.wasm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The small functions the metering pass appends to a module and calls from instrumented code. The hot checks
 * (fuel at loop headers and leaf entries, NaN canonicalisation) are inlined by the pass instead: Chicory's
 * compiler puts a thread-interruption check (a volatile read) before every call, so a helper call per loop
 * iteration or per float operation cost more than the check itself. What is left out of line runs once per
 * call of a non-leaf function ({@link #ENTER}, {@link #LEAVE}), per bulk memory operation, or when inlined fuel
 * code sees a rare event ({@link #CHECK_FUEL}). The helpers themselves are not instrumented.
 */
final class RuntimeHelpers {
    static final int CHECK_FUEL = 0;    // () -> (): traps when the fuel is negative
    static final int CHARGE_BULK = 1;   // (i32 bytes) -> (i32 bytes)
    static final int ENTER = 2;         // (i64 cost) -> (): charge, then one frame deeper
    static final int LEAVE = 3;         // () -> ()
    static final int COUNT = 4;

    private static final byte[][][] SIGNATURES = {
        {{}, {}},
        {{ValueTypes.I32}, {ValueTypes.I32}},
        {{ValueTypes.I64}, {}},
        {{}, {}},
    };

    private final int firstFunction;
    private final int[] typeIndices = new int[COUNT];

    /**
     * @param module     the original module
     * @param addedTypes types appended to the type section; helper signatures missing there are added
     */
    RuntimeHelpers(ParsedModule module, List<ParsedModule.FuncType> addedTypes) {
        this.firstFunction = module.totalFunctions();
        for (int h = 0; h < COUNT; h++) {
            typeIndices[h] = typeIndex(module.types(), addedTypes, SIGNATURES[h][0], SIGNATURES[h][1]);
        }
    }

    /** Index of a function type with these parameters and results, appending it when absent. */
    static int typeIndex(List<ParsedModule.FuncType> types, List<ParsedModule.FuncType> added, byte[] params,
                         byte[] results) {
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i).sameAs(params, results)) {
                return i;
            }
        }
        for (int i = 0; i < added.size(); i++) {
            if (added.get(i).sameAs(params, results)) {
                return types.size() + i;
            }
        }
        added.add(new ParsedModule.FuncType(params.clone(), results.clone()));
        return types.size() + added.size() - 1;
    }

    int function(int helper) {
        return firstFunction + helper;
    }

    List<Integer> typeIndices() {
        List<Integer> out = new ArrayList<>();
        Arrays.stream(typeIndices).forEach(out::add);
        return out;
    }

    /** Encoded bodies (with size prefixes) of every helper, in helper order. */
    List<byte[]> bodies(int fuelGlobal, int depthGlobal, int maxDepth) {
        List<byte[]> out = new ArrayList<>();
        out.add(body(new WasmOutput(16)
                .u8(Opcodes.GLOBAL_GET).u32(fuelGlobal).u8(Opcodes.I64_CONST).sleb(0).u8(Opcodes.I64_LT_S)
                .u8(Opcodes.IF).u8(Opcodes.EMPTY_BLOCK).u8(Opcodes.UNREACHABLE).u8(Opcodes.END)));
        out.add(body(new WasmOutput(32)
                .u8(Opcodes.GLOBAL_GET).u32(fuelGlobal)
                .u8(Opcodes.LOCAL_GET).u32(0).u8(Opcodes.I64_EXTEND_I32_U)
                .u8(Opcodes.I64_CONST).sleb(MeteringPass.BULK_BYTES_SHIFT).u8(Opcodes.I64_SHR_U)
                .u8(Opcodes.I64_SUB).u8(Opcodes.GLOBAL_SET).u32(fuelGlobal)
                .u8(Opcodes.GLOBAL_GET).u32(fuelGlobal).u8(Opcodes.I64_CONST).sleb(0).u8(Opcodes.I64_LT_S)
                .u8(Opcodes.IF).u8(Opcodes.EMPTY_BLOCK).u8(Opcodes.UNREACHABLE).u8(Opcodes.END)
                .u8(Opcodes.LOCAL_GET).u32(0)));
        // Charge (trap when the fuel goes negative), then one frame deeper (trap past the limit). Locals 1 (i64)
        // and 2 (i32) hold the new values, so each global is read once.
        out.add(body(new WasmOutput(64)
                .u8(Opcodes.GLOBAL_GET).u32(fuelGlobal).u8(Opcodes.LOCAL_GET).u32(0).u8(Opcodes.I64_SUB)
                .u8(Opcodes.LOCAL_TEE).u32(1).u8(Opcodes.GLOBAL_SET).u32(fuelGlobal)
                .u8(Opcodes.LOCAL_GET).u32(1).u8(Opcodes.I64_CONST).sleb(0).u8(Opcodes.I64_LT_S)
                .u8(Opcodes.IF).u8(Opcodes.EMPTY_BLOCK).u8(Opcodes.UNREACHABLE).u8(Opcodes.END)
                .u8(Opcodes.GLOBAL_GET).u32(depthGlobal).u8(Opcodes.I32_CONST).sleb(1).u8(Opcodes.I32_ADD)
                .u8(Opcodes.LOCAL_TEE).u32(2).u8(Opcodes.GLOBAL_SET).u32(depthGlobal)
                .u8(Opcodes.LOCAL_GET).u32(2).u8(Opcodes.I32_CONST).sleb(maxDepth).u8(Opcodes.I32_GT_S)
                .u8(Opcodes.IF).u8(Opcodes.EMPTY_BLOCK).u8(Opcodes.UNREACHABLE).u8(Opcodes.END),
                new WasmOutput(8).u32(2).u32(1).u8(ValueTypes.I64).u32(1).u8(ValueTypes.I32)));
        out.add(body(new WasmOutput(16)
                .u8(Opcodes.GLOBAL_GET).u32(depthGlobal).u8(Opcodes.I32_CONST).sleb(1).u8(Opcodes.I32_SUB)
                .u8(Opcodes.GLOBAL_SET).u32(depthGlobal)));
        return out;
    }

    /** A body with no locals: the code plus the final end, prefixed with its size. */
    private static byte[] body(WasmOutput code) {
        return body(code, new WasmOutput(1).u32(0));
    }

    /** A body: encoded local declarations, the code plus the final end, prefixed with its size. */
    private static byte[] body(WasmOutput code, WasmOutput locals) {
        byte[] instructions = code.u8(Opcodes.END).toByteArray();
        byte[] declared = locals.toByteArray();
        WasmOutput out = new WasmOutput(instructions.length + declared.length + 8);
        byte[] withLocals = new WasmOutput(instructions.length + declared.length).bytes(declared).bytes(instructions)
                .toByteArray();
        return out.u32(withLocals.length).bytes(withLocals).toByteArray();
    }
}
