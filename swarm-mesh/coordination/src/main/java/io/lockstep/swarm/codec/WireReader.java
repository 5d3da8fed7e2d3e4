package io.lockstep.swarm.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked big-endian reader: every read that runs past the end, every non-minimal varint and
 * every invalid UTF-8 sequence is a {@link MalformedMessageException}, never an unchecked exception.
 */
public final class WireReader {

    private final byte[] data;
    private int position;

    public WireReader(byte[] data) {
        this.data = data;
    }

    /**
     * A reader over one whole message of a swarm wire format: refuses it when over {@code maxBytes} (before
     * anything is decoded), then when it does not start with {@code magic} and {@code version}.
     */
    public static WireReader open(byte[] data, int maxBytes, byte[] magic, int version, String what)
            throws MalformedMessageException {
        Limits.checkSize(data, maxBytes, what);
        WireReader r = new WireReader(data);
        r.expectMagic(magic, version, what);
        return r;
    }

    public int remaining() {
        return data.length - position;
    }

    private void need(int count, String what) throws MalformedMessageException {
        if (count < 0 || remaining() < count) {
            throw new MalformedMessageException("truncated " + what + " at byte " + position);
        }
    }

    public int u8(String what) throws MalformedMessageException {
        need(1, what);
        return data[position++] & 0xFF;
    }

    public int u16(String what) throws MalformedMessageException {
        need(2, what);
        int value = ((data[position] & 0xFF) << 8) | (data[position + 1] & 0xFF);
        position += 2;
        return value;
    }

    public int i32(String what) throws MalformedMessageException {
        need(4, what);
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (data[position++] & 0xFF);
        }
        return value;
    }

    public long i64(String what) throws MalformedMessageException {
        need(8, what);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (data[position++] & 0xFF);
        }
        return value;
    }

    /** Unsigned LEB128 int in canonical (shortest) form. */
    public int varint(String what) throws MalformedMessageException {
        long value = 0;
        for (int i = 0; i < 5; i++) {
            int b = u8(what);
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (i > 0 && b == 0) {
                    throw new MalformedMessageException("non-minimal varint for " + what);
                }
                if (value > Integer.MAX_VALUE) {
                    throw new MalformedMessageException("varint out of range for " + what);
                }
                return (int) value;
            }
        }
        throw new MalformedMessageException("varint too long for " + what);
    }

    public byte[] bytes(int count, String what) throws MalformedMessageException {
        need(count, what);
        byte[] out = new byte[count];
        System.arraycopy(data, position, out, 0, count);
        position += count;
        return out;
    }

    /** u8-length-prefixed UTF-8, at most {@code maxBytes}, non-empty. */
    public String text(int maxBytes, String what) throws MalformedMessageException {
        int length = u8(what + " length");
        if (length == 0 || length > maxBytes) {
            throw new MalformedMessageException(what + " length " + length + " outside 1.." + maxBytes);
        }
        return utf8(length, what);
    }

    /** u8-length-prefixed UTF-8, at most {@code maxBytes}, possibly empty (""). */
    public String optionalText(int maxBytes, String what) throws MalformedMessageException {
        int length = u8(what + " length");
        if (length > maxBytes) {
            throw new MalformedMessageException(what + " length " + length + " over " + maxBytes);
        }
        return length == 0 ? "" : utf8(length, what);
    }

    private String utf8(int length, String what) throws MalformedMessageException {
        byte[] utf8 = bytes(length, what);
        boolean ascii = true;
        for (byte b : utf8) {
            ascii &= b >= 0;
        }
        if (ascii) {
            return new String(utf8, StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException(what + " is not valid UTF-8");
        }
    }

    public void expectMagic(byte[] magic, int version, String what) throws MalformedMessageException {
        need(magic.length + 1, what + " header");
        for (byte b : magic) {
            if (data[position++] != b) {
                throw new MalformedMessageException("not a " + what + " (bad magic)");
            }
        }
        int got = data[position++] & 0xFF;
        if (got != version) {
            throw new MalformedMessageException(what + " version " + got + " not supported (expected " + version + ")");
        }
    }

    public void expectEnd(String what) throws MalformedMessageException {
        if (remaining() != 0) {
            throw new MalformedMessageException(remaining() + " trailing bytes after " + what);
        }
    }
}
