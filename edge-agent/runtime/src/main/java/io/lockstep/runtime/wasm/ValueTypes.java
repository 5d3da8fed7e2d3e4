package io.lockstep.runtime.wasm;

/** Wasm value type bytes the runtime accepts. */
public final class ValueTypes {
    public static final byte I32 = 0x7F;
    public static final byte I64 = 0x7E;
    public static final byte F32 = 0x7D;
    public static final byte F64 = 0x7C;
    public static final byte FUNCREF = 0x70;
    public static final byte EXTERNREF = 0x6F;

    private ValueTypes() {
    }

    static boolean accepted(int b) {
        return b == (I32 & 0xFF) || b == (I64 & 0xFF) || b == (F32 & 0xFF) || b == (F64 & 0xFF)
                || b == (FUNCREF & 0xFF) || b == (EXTERNREF & 0xFF);
    }

    public static String name(byte b) {
        return switch (b) {
            case I32 -> "i32";
            case I64 -> "i64";
            case F32 -> "f32";
            case F64 -> "f64";
            case FUNCREF -> "funcref";
            case EXTERNREF -> "externref";
            default -> String.format("0x%02x", b & 0xFF);
        };
    }

    static byte read(WasmInput in, String where) throws WasmFormatException {
        int b = in.u8();
        if (b == 0x7B) {
            throw new WasmFormatException("SIMD (v128) is not supported (" + where + ")");
        }
        if (!accepted(b)) {
            throw new WasmFormatException(String.format("unsupported value type 0x%02x (%s)", b, where));
        }
        return (byte) b;
    }
}
