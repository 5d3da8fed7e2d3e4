package io.lockstep.runtime.wasm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The small functions the metering pass appends to a module and calls from instrumented code. Keeping the
 * checks out of line keeps each instrumented function close to its original size: the compiler turns Wasm
 * functions into JVM methods, and HotSpot does not JIT-compile methods over 8000 bytes of bytecode.
 * The helpers themselves are not instrumented.
 */
final class RuntimeHelpers {
    static final int CHARGE = 0;        // (i64 cost) -> ()
    static final int CHARGE_BULK = 1;   // (i32 bytes) -> (i32 bytes)
    static final int ENTER = 2;         // (i64 cost) -> (): charge, then one frame deeper
    static final int LEAVE = 3;         // () -> ()
    static final int CANONICAL_F32 = 4; // (f32) -> (f32)
    static final int CANONICAL_F64 = 5; // (f64) -> (f64)
    static final int COUNT = 6;

    private static final byte[][][] SIGNATURES = {
        {{ValueTypes.I64}, {}},
        {{ValueTypes.I32}, {ValueTypes.I32}},
        {{ValueTypes.I64}, {}},
        {{}, {}},
        {{ValueTypes.F32}, {ValueTypes.F32}},
        {{ValueTypes.F64}, {ValueTypes.F64}},
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
        out.add(body(new WasmOutput(32)
                .u8(Opcodes.GLOBAL_GET).u32(fuelGlobal).u8(Opcodes.LOCAL_GET).u32(0).u8(Opcodes.I64_SUB)
                .u8(Opcodes.GLOBAL_SET).u32(fuelGlobal)
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
        out.add(body(new WasmOutput(48)
                .u8(Opcodes.LOCAL_GET).u32(0).u8(Opcodes.CALL).u32(function(CHARGE))
                .u8(Opcodes.GLOBAL_GET).u32(depthGlobal).u8(Opcodes.I32_CONST).sleb(1).u8(Opcodes.I32_ADD)
                .u8(Opcodes.GLOBAL_SET).u32(depthGlobal)
                .u8(Opcodes.GLOBAL_GET).u32(depthGlobal).u8(Opcodes.I32_CONST).sleb(maxDepth).u8(Opcodes.I32_GT_S)
                .u8(Opcodes.IF).u8(Opcodes.EMPTY_BLOCK).u8(Opcodes.UNREACHABLE).u8(Opcodes.END)));
        out.add(body(new WasmOutput(16)
                .u8(Opcodes.GLOBAL_GET).u32(depthGlobal).u8(Opcodes.I32_CONST).sleb(1).u8(Opcodes.I32_SUB)
                .u8(Opcodes.GLOBAL_SET).u32(depthGlobal)));
        // x == x ? x : canonical NaN (select keeps its first operand when the condition is non-zero).
        out.add(body(new WasmOutput(16)
                .u8(Opcodes.LOCAL_GET).u32(0).u8(Opcodes.F32_CONST).u8(0x00).u8(0x00).u8(0xC0).u8(0x7F)
                .u8(Opcodes.LOCAL_GET).u32(0).u8(Opcodes.LOCAL_GET).u32(0).u8(Opcodes.F32_EQ)
                .u8(Opcodes.SELECT)));
        out.add(body(new WasmOutput(24)
                .u8(Opcodes.LOCAL_GET).u32(0).u8(Opcodes.F64_CONST).u8(0).u8(0).u8(0).u8(0).u8(0).u8(0)
                .u8(0xF8).u8(0x7F)
                .u8(Opcodes.LOCAL_GET).u32(0).u8(Opcodes.LOCAL_GET).u32(0).u8(Opcodes.F64_EQ)
                .u8(Opcodes.SELECT)));
        return out;
    }

    /** A body with no locals: the code plus the final end, prefixed with its size. */
    private static byte[] body(WasmOutput code) {
        byte[] instructions = code.u8(Opcodes.END).toByteArray();
        WasmOutput out = new WasmOutput(instructions.length + 8);
        byte[] withLocals = new WasmOutput(instructions.length + 1).u32(0).bytes(instructions).toByteArray();
        return out.u32(withLocals.length).bytes(withLocals).toByteArray();
    }
}
