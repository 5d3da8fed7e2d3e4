package io.lockstep.runtime.wasm;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/** Bounds-checked cursor over Wasm binary bytes (LEB128 integers, names, raw bytes). */
final class WasmInput {
    private final byte[] bytes;
    private int pos;
    private final int limit;

    WasmInput(byte[] bytes, int start, int limit) {
        this.bytes = bytes;
        this.pos = start;
        this.limit = limit;
    }

    int position() {
        return pos;
    }

    boolean atEnd() {
        return pos >= limit;
    }

    int limit() {
        return limit;
    }

    int u8() throws WasmFormatException {
        if (pos >= limit) {
            throw new WasmFormatException("unexpected end of " + (limit == bytes.length ? "module" : "section")
                    + " at byte " + pos);
        }
        return bytes[pos++] & 0xFF;
    }

    void skip(int n) throws WasmFormatException {
        if (n < 0 || n > limit - pos) {
            throw new WasmFormatException("length " + n + " at byte " + pos + " runs past the end");
        }
        pos += n;
    }

    /** Unsigned LEB128 up to 32 bits, returned as a non-negative long. */
    long u32() throws WasmFormatException {
        long result = 0;
        int shift = 0;
        while (true) {
            int b = u8();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift >= 35) {
                throw new WasmFormatException("integer too long at byte " + pos);
            }
        }
        if (result > 0xFFFF_FFFFL) {
            throw new WasmFormatException("integer out of u32 range at byte " + pos);
        }
        return result;
    }

    /** An unsigned LEB128 count or index that must fit a Java int and not exceed {@code max}. */
    int index(int max, String what) throws WasmFormatException {
        long v = u32();
        if (v > max) {
            throw new WasmFormatException(what + " " + v + " exceeds the limit " + max);
        }
        return (int) v;
    }

    /** Signed LEB128 of at most {@code bits} bits. */
    long sleb(int bits) throws WasmFormatException {
        long result = 0;
        int shift = 0;
        int b;
        int maxBytes = (bits + 6) / 7;
        int count = 0;
        do {
            b = u8();
            if (++count > maxBytes) {
                throw new WasmFormatException("signed integer too long at byte " + pos);
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        return result;
    }

    String name() throws WasmFormatException {
        int len = index(limit - pos, "name length");
        int start = pos;
        skip(len);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, len)).toString();
        } catch (CharacterCodingException e) {
            throw new WasmFormatException("name at byte " + start + " is not valid UTF-8");
        }
    }
}
