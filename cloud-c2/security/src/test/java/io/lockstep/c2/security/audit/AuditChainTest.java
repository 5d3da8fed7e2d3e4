package io.lockstep.c2.security.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static List<AuditRecord> chain(int n) {
        List<AuditRecord> records = new ArrayList<>();
        String prev = AuditRecord.GENESIS;
        for (int i = 1; i <= n; i++) {
            AuditRecord r = AuditRecord.seal(i, "2026-01-01T00:00:0" + (i % 10) + "Z", "alice", "POST /api/v1/missions",
                    "/api/v1/missions", "success", 201, "0af7651916cd43dd8448eb211c80319c", prev);
            records.add(r);
            prev = r.hash();
        }
        return records;
    }

    private static AuditChain.Head headOf(List<AuditRecord> records) {
        AuditRecord last = records.get(records.size() - 1);
        return new AuditChain.Head(last.seq(), last.hash());
    }

    @Test
    void anIntactChainVerifiesAndSurvivesItsExport() {
        List<AuditRecord> records = chain(5);
        String export = records.stream().map(AuditChain::toJsonLine).collect(Collectors.joining("\n")) + "\n";
        List<AuditRecord> read = AuditChain.parseJsonLines(export);
        assertEquals(records, read);
        ChainVerdict verdict = AuditChain.verify(read, Optional.of(headOf(records)));
        assertTrue(verdict.verified(), verdict.describe());
        assertEquals(5, verdict.records());
        assertTrue(AuditChain.verify(List.of()).verified());
    }

    @Test
    void anEditedRecordIsNamed() {
        List<AuditRecord> records = chain(5);
        AuditRecord r = records.get(2);
        records.set(2, new AuditRecord(r.seq(), r.time(), "mallory", r.action(), r.target(), r.outcome(), r.status(),
                r.traceId(), r.prevHash(), r.hash()));
        ChainVerdict verdict = AuditChain.verify(records);
        assertFalse(verdict.verified());
        assertEquals(3, verdict.badSeq());
        assertTrue(verdict.problem().contains("edited"), verdict.problem());
    }

    @Test
    void aForgedRecordWithARecomputedHashBreaksTheNextLink() {
        List<AuditRecord> records = chain(5);
        AuditRecord r = records.get(1);
        records.set(1, AuditRecord.seal(r.seq(), r.time(), "mallory", r.action(), r.target(), r.outcome(), r.status(),
                r.traceId(), r.prevHash()));
        ChainVerdict verdict = AuditChain.verify(records);
        assertFalse(verdict.verified());
        assertEquals(3, verdict.badSeq());
        assertTrue(verdict.problem().contains("forged"), verdict.problem());
    }

    @Test
    void aForgedLastRecordDiffersFromTheHead() {
        List<AuditRecord> records = chain(4);
        AuditChain.Head head = headOf(records);
        AuditRecord r = records.get(3);
        records.set(3, AuditRecord.seal(r.seq(), r.time(), "mallory", r.action(), r.target(), r.outcome(), r.status(),
                r.traceId(), r.prevHash()));
        assertTrue(AuditChain.verify(records).verified(), "without the head a rewritten tail is self-consistent");
        ChainVerdict verdict = AuditChain.verify(records, Optional.of(head));
        assertFalse(verdict.verified());
        assertEquals(4, verdict.badSeq());
        assertTrue(verdict.problem().contains("forged"), verdict.problem());
    }

    @Test
    void aRecordAppendedPastTheHeadIsForged() {
        List<AuditRecord> records = chain(3);
        AuditChain.Head head = headOf(records);
        records.add(AuditRecord.seal(4, "2026-01-01T00:00:09Z", "mallory", "login", "mallory", "success", 200, "",
                records.get(2).hash()));
        ChainVerdict verdict = AuditChain.verify(records, Optional.of(head));
        assertFalse(verdict.verified());
        assertEquals(4, verdict.badSeq());
    }

    @Test
    void removedRecordsAreNamed() {
        List<AuditRecord> records = chain(6);
        records.remove(3);
        ChainVerdict verdict = AuditChain.verify(records);
        assertFalse(verdict.verified());
        assertEquals(4, verdict.badSeq());
        assertTrue(verdict.problem().contains("record 4 is missing"), verdict.problem());

        List<AuditRecord> cut = chain(6).subList(0, 4);
        ChainVerdict tail = AuditChain.verify(cut, Optional.of(headOf(chain(6))));
        assertFalse(tail.verified());
        assertEquals(5, tail.badSeq());
        assertTrue(tail.problem().contains("removed"), tail.problem());

        List<AuditRecord> first = new ArrayList<>(chain(3));
        first.remove(0);
        assertEquals(1, AuditChain.verify(first).badSeq());
    }

    @Test
    void reorderedRecordsAreNamed() {
        List<AuditRecord> records = chain(5);
        Collections.swap(records, 1, 3);
        ChainVerdict verdict = AuditChain.verify(records);
        assertFalse(verdict.verified());
        assertEquals(4, verdict.badSeq());
        assertTrue(verdict.problem().contains("out of order"), verdict.problem());
        List<AuditRecord> back = chain(5);
        Collections.swap(back, 2, 3);
        ChainVerdict swapped = AuditChain.verify(back);
        assertFalse(swapped.verified());
        assertEquals(4, swapped.badSeq());
        assertTrue(swapped.problem().contains("record 4 is out of order"), swapped.problem());
    }

    @Test
    void linesThatAreNotRecordsAreNamed() {
        String good = AuditChain.toJsonLine(chain(1).get(0));
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class,
                () -> AuditChain.parseJsonLines(good + "\n{not json\n"));
        assertTrue(notJson.getMessage().contains("line 2"), notJson.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AuditChain.parseJsonLines("{\"seq\": 1}"));
        assertThrows(IllegalArgumentException.class,
                () -> AuditChain.parseJsonLines(good.replace("\"seq\":1", "\"seq\":1,\"extra\":true")));
    }
}
