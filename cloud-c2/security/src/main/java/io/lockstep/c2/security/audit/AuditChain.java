package io.lockstep.c2.security.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a hash-chained audit trail from its first record: seqs run 1, 2, 3 ... without gaps, each
 * record's hash matches its content, and each record's prevHash is the hash of the one before. The
 * first failure is reported with its seq, worded for the kind of tampering it shows.
 */
public final class AuditChain {
    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private AuditChain() {
    }

    /** The record as one JSON line (no trailing newline), the export format. */
    public static String toJsonLine(AuditRecord record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Parses an export (one record per line, blank lines ignored).
     *
     * @throws IllegalArgumentException naming the line that is not a record
     */
    public static List<AuditRecord> parseJsonLines(String text) {
        List<AuditRecord> records = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                AuditRecord record = JSON.readValue(lines[i], AuditRecord.class);
                if (record.hash() == null || record.prevHash() == null) {
                    throw new IllegalArgumentException("line " + (i + 1) + " lacks hash or prevHash");
                }
                records.add(record);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not an audit record: " + e.getOriginalMessage());
            }
        }
        return records;
    }

    /** Verifies the whole chain from seq 1. */
    public static ChainVerdict verify(List<AuditRecord> records) {
        return verify(records, Optional.empty());
    }

    /**
     * Verifies the whole chain from seq 1 and, when given, that it ends at the head C2 keeps apart from the
     * records (so records forged or cut off at the end are noticed too).
     */
    public static ChainVerdict verify(List<AuditRecord> records, Optional<Head> head) {
        String prevHash = AuditRecord.GENESIS;
        long expected = 1;
        for (int i = 0; i < records.size(); i++) {
            AuditRecord record = records.get(i);
            if (record.seq() != expected) {
                long wanted = expected;
                boolean laterInTheFile = records.subList(i + 1, records.size()).stream().anyMatch(r -> r.seq() == wanted);
                if (record.seq() > expected && laterInTheFile) {
                    return ChainVerdict.broken(expected - 1, record.seq(), "record " + record.seq() + " is out of order"
                            + " (reordered): it comes before record " + expected);
                }
                if (record.seq() > expected) {
                    return ChainVerdict.broken(expected - 1, expected, record.seq() == expected + 1
                            ? "record " + expected + " is missing (removed): seq " + record.seq() + " follows seq " + (expected - 1)
                            : "records " + expected + " to " + (record.seq() - 1) + " are missing (removed): seq "
                                    + record.seq() + " follows seq " + (expected - 1));
                }
                return ChainVerdict.broken(expected - 1, record.seq(), "record " + record.seq() + " is out of order"
                        + " (reordered or duplicated): it comes after seq " + (expected - 1));
            }
            if (!record.computeHash().equals(record.hash())) {
                return ChainVerdict.broken(expected - 1, record.seq(),
                        "record " + record.seq() + " was edited: its hash does not match its content");
            }
            if (!prevHash.equals(record.prevHash())) {
                return ChainVerdict.broken(expected - 1, record.seq(), "record " + record.seq()
                        + " does not follow record " + (expected - 1) + " (its prevHash differs): record "
                        + record.seq() + " or the one before was forged or replaced");
            }
            prevHash = record.hash();
            expected++;
        }
        long count = expected - 1;
        if (head.isPresent()) {
            Head h = head.get();
            if (h.seq() > count) {
                return ChainVerdict.broken(count, count + 1, "the chain ends at seq " + count + " but C2's head is seq "
                        + h.seq() + ": records at the end were removed");
            }
            if (h.seq() < count) {
                return ChainVerdict.broken(count, h.seq() + 1, "the chain goes on past C2's head (seq " + h.seq()
                        + "): records after it were forged");
            }
            if (count > 0 && !h.hash().equals(prevHash)) {
                return ChainVerdict.broken(count, count, "record " + count + " differs from C2's head: it was forged");
            }
        }
        return ChainVerdict.ok(count);
    }

    /** The last seq and hash, kept by C2 next to the records. */
    public record Head(long seq, String hash) {
    }
}
