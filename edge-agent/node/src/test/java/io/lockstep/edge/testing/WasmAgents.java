package io.lockstep.edge.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Minimal ABI-v1 agents for node tests, encoded directly as Wasm binaries (no toolchain needed).
 * Each exports memory, lockstep_abi_version (1), lockstep_alloc (a fixed buffer at 1024),
 * lockstep_init (0) and lockstep_tick, which optionally requests a constant velocity or emits a
 * message, and returns 1 (done) once the tick number reaches {@code doneAtTick} (never when it is 0).
 */
public final class WasmAgents {

    private WasmAgents() {
    }

    /** An agent that does nothing and finishes at {@code doneAtTick}. */
    public static byte[] idle(long doneAtTick) {
        return agent(false, 0, 0, null, doneAtTick, false);
    }

    /** An agent that requests {@code (vx, vy)} every tick (needs the act_velocity grant). */
    public static byte[] driving(double vx, double vy, long doneAtTick) {
        return agent(true, vx, vy, null, doneAtTick, false);
    }

    /** An agent that emits {@code "hi"} on {@code topic} every tick (needs the emit grant and topic). */
    public static byte[] emitting(String topic, long doneAtTick) {
        return agent(false, 0, 0, topic, doneAtTick, false);
    }

    /** An agent that accepts every message delivered to it (for subscribe_topics grants). */
    public static byte[] listening(long doneAtTick) {
        return agent(false, 0, 0, null, doneAtTick, true);
    }

    private static byte[] agent(boolean drives, double vx, double vy, String emitTopic, long doneAtTick,
            boolean listens) {
        Bytes module = new Bytes();
        module.raw(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);

        // Types: 0 ()->i32, 1 (i32)->i32, 2 (i32,i32)->i32, 3 (i64)->i32, 4 (f64,f64)->i32, 5 (i32 x4)->i32
        Bytes types = new Bytes();
        types.u32(6);
        types.raw(0x60, 0x00, 0x01, 0x7f);
        types.raw(0x60, 0x01, 0x7f, 0x01, 0x7f);
        types.raw(0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f);
        types.raw(0x60, 0x01, 0x7e, 0x01, 0x7f);
        types.raw(0x60, 0x02, 0x7c, 0x7c, 0x01, 0x7f);
        types.raw(0x60, 0x04, 0x7f, 0x7f, 0x7f, 0x7f, 0x01, 0x7f);
        module.section(1, types);

        int imported = (drives ? 1 : 0) + (emitTopic != null ? 1 : 0);
        int emitIndex = drives ? 1 : 0;
        if (imported > 0) {
            Bytes imports = new Bytes();
            imports.u32(imported);
            if (drives) {
                imports.name("lockstep").name("act_velocity").raw(0x00).u32(4);
            }
            if (emitTopic != null) {
                imports.name("lockstep").name("emit").raw(0x00).u32(5);
            }
            module.section(2, imports);
        }

        int defined = listens ? 5 : 4;
        Bytes functions = new Bytes();
        functions.u32(defined);
        functions.raw(0x00, 0x01, 0x02, 0x03);
        if (listens) {
            functions.raw(0x05);
        }
        module.section(3, functions);

        Bytes memory = new Bytes();
        memory.u32(1);
        memory.raw(0x00, 0x01);
        module.section(5, memory);

        String[] names = {"lockstep_abi_version", "lockstep_alloc", "lockstep_init", "lockstep_tick",
            "lockstep_on_message"};
        Bytes exports = new Bytes();
        exports.u32(defined + 1);
        exports.name("memory");
        exports.raw(0x02, 0x00);
        for (int i = 0; i < defined; i++) {
            exports.name(names[i]);
            exports.raw(0x00);
            exports.u32(imported + i);
        }
        module.section(7, exports);

        byte[] topic = emitTopic == null ? new byte[0] : emitTopic.getBytes(StandardCharsets.UTF_8);
        Bytes code = new Bytes();
        code.u32(defined);
        code.body(new Bytes().raw(0x41, 0x01));            // i32.const 1
        code.body(new Bytes().raw(0x41, 0x80, 0x08));      // i32.const 1024
        code.body(new Bytes().raw(0x41, 0x00));            // i32.const 0
        Bytes tick = new Bytes();
        if (drives) {
            tick.raw(0x44).f64(vx).raw(0x44).f64(vy).raw(0x10, 0x00, 0x1a); // act_velocity(vx, vy); drop
        }
        if (emitTopic != null) {
            // emit(topic @ 0, "hi" @ 512); drop
            tick.raw(0x41, 0x00, 0x41).u32(topic.length).raw(0x41, 0x80, 0x04, 0x41, 0x02, 0x10).u32(emitIndex)
                    .raw(0x1a);
        }
        if (doneAtTick > 0) {
            tick.raw(0x20, 0x00, 0x42).s64(doneAtTick).raw(0x5a); // local.get 0; i64.const n; i64.ge_u
        } else {
            tick.raw(0x41, 0x00);
        }
        code.body(tick);
        if (listens) {
            code.body(new Bytes().raw(0x41, 0x00));        // lockstep_on_message: accept
        }
        module.section(10, code);

        if (emitTopic != null) {
            Bytes data = new Bytes();
            data.u32(2);
            data.raw(0x00, 0x41, 0x00, 0x0b).u32(topic.length).raw(topic);
            data.raw(0x00, 0x41, 0x80, 0x04, 0x0b).u32(2).raw('h', 'i');
            module.section(11, data);
        }
        return module.toByteArray();
    }

    private static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes raw(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Bytes raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        Bytes u32(long v) {
            do {
                int b = (int) (v & 0x7f);
                v >>>= 7;
                out.write(v != 0 ? b | 0x80 : b);
            } while (v != 0);
            return this;
        }

        Bytes s64(long v) {
            boolean more = true;
            while (more) {
                int b = (int) (v & 0x7f);
                v >>= 7;
                more = !((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0));
                out.write(more ? b | 0x80 : b);
            }
            return this;
        }

        Bytes f64(double d) {
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(d).array());
            return this;
        }

        Bytes name(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u32(b.length);
            out.writeBytes(b);
            return this;
        }

        void section(int id, Bytes content) {
            out.write(id);
            u32(content.out.size());
            out.writeBytes(content.toByteArray());
        }

        void body(Bytes instructions) {
            byte[] b = instructions.toByteArray();
            u32(b.length + 2);
            out.write(0x00); // no locals
            out.writeBytes(b);
            out.write(0x0b); // end
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
