package io.lockstep.runtime.engine;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * {@link Hashing#digest64} computed while the bytes are produced, without building them: the same two
 * CRC32C lanes fed with the big-endian encoding of {@link java.io.DataOutputStream}. Digests are taken for
 * every agent every tick; streaming them keeps a tick from allocating a buffer per agent.
 */
final class Digest64 {
    private final CRC32C low = new CRC32C();
    private final CRC32C high = new CRC32C();
    private final byte[] scratch = new byte[8];

    Digest64() {
        high.update(0xA5);
    }

    Digest64 u8(int v) {
        low.update(v);
        high.update(v);
        return this;
    }

    Digest64 i32(int v) {
        scratch[0] = (byte) (v >>> 24);
        scratch[1] = (byte) (v >>> 16);
        scratch[2] = (byte) (v >>> 8);
        scratch[3] = (byte) v;
        return raw(scratch, 0, 4);
    }

    Digest64 i64(long v) {
        for (int i = 0; i < 8; i++) {
            scratch[i] = (byte) (v >>> (56 - 8 * i));
        }
        return raw(scratch, 0, 8);
    }

    /** Length (i32) and bytes. */
    Digest64 bytes(byte[] b) {
        i32(b.length);
        return raw(b, 0, b.length);
    }

    /** Length (i32) and UTF-8 bytes. */
    Digest64 string(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    Digest64 raw(byte[] b, int from, int length) {
        low.update(b, from, length);
        high.update(b, from, length);
        return this;
    }

    long value() {
        return (high.getValue() << 32) | low.getValue();
    }
}
