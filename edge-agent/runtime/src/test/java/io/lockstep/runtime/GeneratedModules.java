package io.lockstep.runtime;

import java.io.ByteArrayOutputStream;

/**
 * Builds minimal valid agent modules in code, for limits whose test modules would be too large to keep as
 * files: every required export, one page of memory, and a {@code lockstep_tick} body given as raw bytes.
 */
final class GeneratedModules {
    private GeneratedModules() {
    }

    /** {@code lockstep_tick} pushes {@code depth} i32 constants, drops them all and returns 0. */
    static byte[] deepStack(int depth) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < depth; i++) {
            body.write(0x41);
            body.write(0x00);
        }
        for (int i = 0; i < depth; i++) {
            body.write(0x1A);
        }
        body.write(0x41);
        body.write(0x00);
        return agent(body.toByteArray());
    }

    /** {@code lockstep_tick} nests {@code depth} empty blocks and returns 0. */
    static byte[] nestedBlocks(int depth) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < depth; i++) {
            body.write(0x02);
            body.write(0x40);
        }
        for (int i = 0; i < depth; i++) {
            body.write(0x0B);
        }
        body.write(0x41);
        body.write(0x00);
        return agent(body.toByteArray());
    }

    /** {@code lockstep_tick} declares {@code count} i64 locals and reads the last one. */
    static byte[] manyLocals(int count) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Out ref = new Out().raw(0x20).u32(count - 1L).raw(0x1A, 0x41, 0x00);
        body.write(ref.bytes.toByteArray(), 0, ref.bytes.size());
        return agent(new Out().raw(1).u32(count).raw(0x7E).bytes.toByteArray(), body.toByteArray());
    }

    /** {@code lockstep_tick} runs {@code pairs} times {@code i32.const 0; drop}: one very long function. */
    static byte[] longFunction(int pairs) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < pairs; i++) {
            body.write(0x41);
            body.write(0x00);
            body.write(0x1A);
        }
        body.write(0x41);
        body.write(0x00);
        return agent(body.toByteArray());
    }

    /** {@code lockstep_tick} is the given code (no locals), which must leave the i32 tick code on the stack. */
    static byte[] tick(int... code) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int b : code) {
            body.write(b);
        }
        return agent(body.toByteArray());
    }

    /** Like {@link #tick(int...)}, with one passive data segment (segment 0) holding {@code data}. */
    static byte[] tickWithPassiveData(byte[] data, int... code) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int b : code) {
            body.write(b);
        }
        return agent(new byte[] {0}, body.toByteArray(), data);
    }

    private static byte[] agent(byte[] tickCode) {
        return agent(new byte[] {0}, tickCode);
    }

    private static byte[] agent(byte[] tickLocals, byte[] tickCode) {
        return agent(tickLocals, tickCode, null);
    }

    private static byte[] agent(byte[] tickLocals, byte[] tickCode, byte[] passiveData) {
        Out m = new Out();
        m.raw(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00);
        // types: 0 () -> i32, 1 (i32) -> i32, 2 (i32 i32) -> i32, 3 (i64) -> i32
        m.section(1, new Out().u32(4).raw(0x60, 0, 1, 0x7F).raw(0x60, 1, 0x7F, 1, 0x7F)
                .raw(0x60, 2, 0x7F, 0x7F, 1, 0x7F).raw(0x60, 1, 0x7E, 1, 0x7F));
        m.section(3, new Out().u32(4).raw(0, 1, 2, 3));
        m.section(5, new Out().u32(1).raw(0x00, 1));
        Out exports = new Out().u32(5);
        exports.name("memory").raw(2, 0);
        exports.name("lockstep_abi_version").raw(0, 0);
        exports.name("lockstep_alloc").raw(0, 1);
        exports.name("lockstep_init").raw(0, 2);
        exports.name("lockstep_tick").raw(0, 3);
        m.section(7, exports);
        if (passiveData != null) {
            m.section(12, new Out().u32(1));
        }
        Out code = new Out().u32(4);
        code.body(new Out().raw(0, 0x41, 1, 0x0B));
        code.body(new Out().raw(0, 0x41, 0x80, 0x20, 0x0B));
        code.body(new Out().raw(0, 0x41, 0, 0x0B));
        Out tick = new Out();
        tick.bytes.write(tickLocals, 0, tickLocals.length);
        tick.bytes.write(tickCode, 0, tickCode.length);
        code.body(tick.raw(0x0B));
        m.section(10, code);
        if (passiveData != null) {
            Out data = new Out().u32(1).raw(0x01).u32(passiveData.length);
            data.bytes.write(passiveData, 0, passiveData.length);
            m.section(11, data);
        }
        return m.bytes.toByteArray();
    }

    /** Wasm bytes with LEB128 integers; tests also build instruction sequences with it. */
    static final class Out {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Out raw(int... values) {
            for (int v : values) {
                bytes.write(v);
            }
            return this;
        }

        Out u32(long value) {
            long v = value;
            do {
                int b = (int) (v & 0x7F);
                v >>>= 7;
                bytes.write(v != 0 ? b | 0x80 : b);
            } while (v != 0);
            return this;
        }

        /** {@code i32.const value} (signed LEB128). */
        Out i32(int value) {
            bytes.write(0x41);
            long v = value;
            while (true) {
                int b = (int) (v & 0x7F);
                v >>= 7;
                if ((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0)) {
                    bytes.write(b);
                    return this;
                }
                bytes.write(b | 0x80);
            }
        }

        /** The bytes written so far, one int each, as {@link #tick(int...)} takes them. */
        int[] ints() {
            byte[] b = bytes.toByteArray();
            int[] out = new int[b.length];
            for (int i = 0; i < b.length; i++) {
                out[i] = b[i] & 0xFF;
            }
            return out;
        }

        Out name(String s) {
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            u32(b.length);
            bytes.write(b, 0, b.length);
            return this;
        }

        Out body(Out body) {
            u32(body.bytes.size());
            bytes.write(body.bytes.toByteArray(), 0, body.bytes.size());
            return this;
        }

        Out section(int id, Out payload) {
            bytes.write(id);
            return body(payload);
        }
    }
}
