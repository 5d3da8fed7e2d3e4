package io.lockstep.runtime.wasm;

/** Opcodes the metering pass inspects or emits, and which float results it canonicalises. */
final class Opcodes {
    static final int UNREACHABLE = 0x00;
    static final int BLOCK = 0x02;
    static final int LOOP = 0x03;
    static final int IF = 0x04;
    static final int END = 0x0B;
    static final int BR = 0x0C;
    static final int RETURN = 0x0F;
    static final int SELECT = 0x1B;
    static final int LOCAL_GET = 0x20;
    static final int LOCAL_SET = 0x21;
    static final int LOCAL_TEE = 0x22;
    static final int GLOBAL_GET = 0x23;
    static final int GLOBAL_SET = 0x24;
    static final int I32_CONST = 0x41;
    static final int I64_CONST = 0x42;
    static final int F32_CONST = 0x43;
    static final int F64_CONST = 0x44;
    static final int I32_GT_S = 0x4A;
    static final int I32_GE_U = 0x4F;
    static final int I64_LT_S = 0x53;
    static final int F32_EQ = 0x5B;
    static final int F64_EQ = 0x61;
    static final int I32_ADD = 0x6A;
    static final int I32_SUB = 0x6B;
    static final int I64_SUB = 0x7D;
    static final int I64_SHR_U = 0x88;
    static final int I64_EXTEND_I32_U = 0xAD;
    static final int EMPTY_BLOCK = 0x40;
    static final int CALL = 0x10;
    static final int CALL_INDIRECT = 0x11;
    static final int REF_FUNC = 0xD2;

    static final int MEMORY_INIT = 0xFC08;
    static final int DATA_DROP = 0xFC09;
    static final int MEMORY_COPY = 0xFC0A;
    static final int MEMORY_FILL = 0xFC0B;
    static final int TABLE_INIT = 0xFC0C;
    static final int ELEM_DROP = 0xFC0D;
    static final int TABLE_COPY = 0xFC0E;
    static final int TABLE_GROW = 0xFC0F;
    static final int TABLE_FILL = 0xFC11;
    static final int TABLE_SET = 0x26;

    private Opcodes() {
    }

    /**
     * f32 results that may be NaN and are computed (not merely moved): arithmetic, rounding, sign
     * operations and f32.demote_f64.
     */
    static boolean producesF32(int op) {
        return (op >= 0x8B && op <= 0x98) || op == 0xB6;
    }

    /** f64 counterpart of {@link #producesF32(int)}, including f64.promote_f32. */
    static boolean producesF64(int op) {
        return (op >= 0x99 && op <= 0xA6) || op == 0xBB;
    }

    /** Bulk memory operations whose cost grows with the byte count on top of the stack. */
    static boolean bulkMemory(int op) {
        return op == MEMORY_INIT || op == MEMORY_COPY || op == MEMORY_FILL;
    }

    /** Instructions that change table or segment state, which snapshots do not capture. */
    static String refusedStateful(int op) {
        return switch (op) {
            case DATA_DROP -> "data.drop";
            case TABLE_INIT -> "table.init";
            case ELEM_DROP -> "elem.drop";
            case TABLE_COPY -> "table.copy";
            case TABLE_GROW -> "table.grow";
            case TABLE_FILL -> "table.fill";
            case TABLE_SET -> "table.set";
            default -> null;
        };
    }
}
