package io.lockstep.runtime.journal;

import java.nio.charset.StandardCharsets;

/**
 * Journal file layout: the 8-byte magic {@code LKSJRNL1}, then records, each framed as
 * {@code u32 length | u8 type | payload (length - 1 bytes) | u32 CRC32C(type, payload)}, big-endian.
 * Only the last record may be torn (incomplete or failing its checksum): it is ignored (and truncated before
 * appending). A bad record with complete records after it is corruption ({@link JournalReader}).
 */
public final class JournalFormat {
    public static final byte[] MAGIC = "LKSJRNL1".getBytes(StandardCharsets.US_ASCII);
    /** Largest record accepted when reading; a longer length field can only be a torn last record. */
    public static final int MAX_RECORD_BYTES = 1 << 30;
    public static final int FORMAT_VERSION = 1;

    private JournalFormat() {
    }
}
