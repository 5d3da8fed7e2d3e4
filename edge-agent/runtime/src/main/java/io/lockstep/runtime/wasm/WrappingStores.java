package io.lockstep.runtime.wasm;

import java.util.List;

/**
 * Rewrites the stores whose effective address Chicory's interpreter wraps around. The interpreter computes the
 * address of {@code i32.store8}, {@code i64.store8} and {@code i64.store32} as a signed 32-bit sum of base and
 * offset, so a base of -1 with offset 1 writes address 0 where the specification (and the compiled mode)
 * traps; every other load and store, and the bulk operations, check the sum correctly in both modes.
 *
 * <p>Each such store with a non-zero offset becomes a store with offset 0 whose address is computed in Wasm:
 * base + offset modulo 2^32, or -1 (0xFFFFFFFF) when the sum carried past 2^32, that is when it is below the
 * offset. Address 0xFFFFFFFF lies past the end of every memory the runtime allows (Chicory's
 * memories hold at most 32,767 pages), so the store then traps in
 * both modes with the ordinary "out of bounds memory access", as an unrewritten store does in the compiled
 * mode. The value waits in a scratch local while the address is computed:
 * <pre>
 *   local.set value; i32.const offset; i32.add; local.tee address;
 *   i32.const -1; local.get address; i32.const offset; i32.ge_u; select; local.get value; store offset=0
 * </pre>
 * The added instructions pay no fuel (fuel counts the original instructions), so fuel is unchanged.
 */
final class WrappingStores {
    static final int I32_STORE8 = 0x3A;
    static final int I64_STORE8 = 0x3C;
    static final int I64_STORE32 = 0x3E;
    /** Scratch locals appended to a function that has such a store: address (i32), i32 value, i64 value. */
    static final int SCRATCH_LOCALS = 3;

    private WrappingStores() {
    }

    /** Whether this instruction is a store the interpreter would wrap: one of the three, offset non-zero. */
    static boolean rewritten(byte[] src, Instruction insn) throws WasmFormatException {
        int op = insn.op();
        return (op == I32_STORE8 || op == I64_STORE8 || op == I64_STORE32) && memarg(src, insn)[1] != 0;
    }

    static boolean any(byte[] src, List<Instruction> code) throws WasmFormatException {
        for (Instruction insn : code) {
            if (rewritten(src, insn)) {
                return true;
            }
        }
        return false;
    }

    /** The local declaration groups of the scratch locals, to append after the function's own. */
    static void declareScratch(WasmOutput out) {
        out.u32(2).u8(ValueTypes.I32).u32(1).u8(ValueTypes.I64);
    }

    /**
     * Emits the replacement of one rewritten store.
     *
     * @param firstScratch index of the first scratch local (the function's locals before them)
     */
    static void emit(WasmOutput out, byte[] src, Instruction insn, long firstScratch) throws WasmFormatException {
        long[] memarg = memarg(src, insn);
        int offset = (int) memarg[1];
        long address = firstScratch;
        long value = insn.op() == I32_STORE8 ? firstScratch + 1 : firstScratch + 2;
        out.u8(Opcodes.LOCAL_SET).u32(value)
                .u8(Opcodes.I32_CONST).sleb(offset).u8(Opcodes.I32_ADD).u8(Opcodes.LOCAL_TEE).u32(address)
                .u8(Opcodes.I32_CONST).sleb(-1)
                .u8(Opcodes.LOCAL_GET).u32(address).u8(Opcodes.I32_CONST).sleb(offset).u8(Opcodes.I32_GE_U)
                .u8(Opcodes.SELECT)
                .u8(Opcodes.LOCAL_GET).u32(value)
                .u8(insn.op()).u32(memarg[0]).u32(0);
    }

    /** {align, offset} of a load or store. */
    private static long[] memarg(byte[] src, Instruction insn) throws WasmFormatException {
        WasmInput in = new WasmInput(src, insn.start() + 1, insn.end());
        long align = in.u32();
        return new long[] {align, in.u32()};
    }
}
