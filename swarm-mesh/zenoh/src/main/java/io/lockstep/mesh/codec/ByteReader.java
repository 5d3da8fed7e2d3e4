package io.lockstep.mesh.codec;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/** Bounds-checked cursor over a byte array: every read past the end raises {@link MalformedMessageException}. */
public final class ByteReader {
    private final byte[] buffer;
    private int position;
    private final int limit;

    public ByteReader(byte[] buffer) {
        this(buffer, 0, buffer.length);
    }

    public ByteReader(byte[] buffer, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buffer.length) {
            throw new IllegalArgumentException("slice out of range");
        }
        this.buffer = buffer;
        this.position = offset;
        this.limit = offset + length;
    }

    public int remaining() {
        return limit - position;
    }

    public boolean hasRemaining() {
        return position < limit;
    }

    private void require(int n, String what) {
        if (n < 0 || n > remaining()) {
            throw new MalformedMessageException("truncated " + what + ": need " + n + " bytes, " + remaining() + " left");
        }
    }

    public int readU8() {
        require(1, "byte");
        return buffer[position++] & 0xFF;
    }

    public int readU16Le() {
        require(2, "u16");
        int v = (buffer[position] & 0xFF) | ((buffer[position + 1] & 0xFF) << 8);
        position += 2;
        return v;
    }

    public byte[] readBytes(int n) {
        require(n, "bytes");
        byte[] out = new byte[n];
        System.arraycopy(buffer, position, out, 0, n);
        position += n;
        return out;
    }

    /** Everything left, consumed. */
    public byte[] readRest() {
        return readBytes(remaining());
    }

    /** A reader over the next {@code n} bytes, which are consumed from this one. */
    public ByteReader slice(int n) {
        require(n, "sub-buffer");
        ByteReader sub = new ByteReader(buffer, position, n);
        position += n;
        return sub;
    }

    public long readZInt() {
        long value = 0;
        int shift = 0;
        int b = readU8();
        int count = 1;
        while ((b & 0x80) != 0 && count < ZInt.MAX_LEN) {
            value |= ((long) (b & 0x7F)) << shift;
            shift += 7;
            b = readU8();
            count++;
        }
        value |= ((long) b) << shift;
        return value;
    }

    public int readZInt16() {
        long v = readZInt();
        if (v < 0 || v > 0xFFFF) {
            throw new MalformedMessageException("z16 out of range: " + Long.toUnsignedString(v));
        }
        return (int) v;
    }

    public long readZInt32() {
        long v = readZInt();
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new MalformedMessageException("z32 out of range: " + Long.toUnsignedString(v));
        }
        return v;
    }

    /** A length that must fit in what is left of the buffer: a hostile length can never make us allocate. */
    public int readLength() {
        long v = readZInt();
        if (v < 0 || v > remaining()) {
            throw new MalformedMessageException("length " + Long.toUnsignedString(v) + " exceeds the " + remaining()
                    + " bytes left");
        }
        return (int) v;
    }

    public byte[] readSlice() {
        return readBytes(readLength());
    }

    public String readString() {
        int length = readLength();
        // Fast path: key expressions are almost always ASCII, which needs no validation beyond the high bit.
        boolean ascii = true;
        for (int i = position; i < position + length; i++) {
            if (buffer[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            String s = new String(buffer, position, length, StandardCharsets.US_ASCII);
            position += length;
            return s;
        }
        byte[] bytes = readBytes(length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException("string is not valid UTF-8");
        }
    }
}
