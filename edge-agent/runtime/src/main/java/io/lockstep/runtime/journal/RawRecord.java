package io.lockstep.runtime.journal;

/**
 * One checksummed record as read from a journal file: its type, byte offset and payload length. The payload
 * is held in memory except for snapshots, which can be large and are re-read on demand
 * ({@link JournalReader#payload}).
 *
 * @param payload null for snapshot records
 */
public record RawRecord(RecordType type, byte[] payload, long offset, int payloadLength) {
}
