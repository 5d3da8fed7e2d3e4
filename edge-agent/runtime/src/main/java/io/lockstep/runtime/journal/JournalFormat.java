package io.lockstep.runtime.journal;

import java.nio.charset.StandardCharsets;

/**
 * Journal file layout: the 8-byte magic {@code LKSJRNL1}, then records, each framed as
 * {@code u32 length | u8 type | payload (length - 1 bytes) | u32 CRC32C(type, payload)}, big-endian.
 * A record whose length runs past the end of the file or whose checksum does not match ends the readable
 * journal: everything from there on is a torn tail and is ignored (and truncated before appending).
 */
public final class JournalFormat {
    public static final byte[] MAGIC = "LKSJRNL1".getBytes(StandardCharsets.US_ASCII);
    /** Largest record accepted when reading; a longer length field is treated as torn. */
    public static final int MAX_RECORD_BYTES = 1 << 30;
    public static final int FORMAT_VERSION = 1;

    private JournalFormat() {
    }
}
