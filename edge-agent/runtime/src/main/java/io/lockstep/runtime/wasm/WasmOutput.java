package io.lockstep.runtime.wasm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Growable byte sink writing Wasm binary encodings. */
final class WasmOutput {
    private final ByteArrayOutputStream out;

    WasmOutput(int expectedSize) {
        out = new ByteArrayOutputStream(Math.max(16, expectedSize));
    }

    WasmOutput u8(int b) {
        out.write(b);
        return this;
    }

    WasmOutput bytes(byte[] src, int from, int to) {
        out.write(src, from, to - from);
        return this;
    }

    WasmOutput bytes(byte[] src) {
        out.write(src, 0, src.length);
        return this;
    }

    WasmOutput u32(long value) {
        long v = value;
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            if (v != 0) {
                b |= 0x80;
            }
            out.write(b);
        } while (v != 0);
        return this;
    }

    WasmOutput sleb(long value) {
        long v = value;
        boolean more = true;
        while (more) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            if ((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0)) {
                more = false;
            } else {
                b |= 0x80;
            }
            out.write(b);
        }
        return this;
    }

    WasmOutput name(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        u32(utf8.length);
        return bytes(utf8);
    }

    /** Writes a section: id, payload length, payload. */
    WasmOutput section(int id, byte[] payload) {
        u8(id);
        u32(payload.length);
        return bytes(payload);
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
