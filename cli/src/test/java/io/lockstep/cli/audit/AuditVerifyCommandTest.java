package io.lockstep.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.c2.security.audit.AuditChain;
import io.lockstep.c2.security.audit.AuditRecord;
import io.lockstep.cli.Lockstep;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lockstep audit verify --file}: exit 0 for an intact export, 1 naming the tampered record. */
class AuditVerifyCommandTest {

    @TempDir
    Path dir;

    private static List<AuditRecord> chain(int n) {
        List<AuditRecord> records = new ArrayList<>();
        String prev = AuditRecord.GENESIS;
        for (int i = 1; i <= n; i++) {
            AuditRecord r = AuditRecord.seal(i, "2026-01-01T00:00:00Z", "alice", "POST /api/v1/missions",
                    "/api/v1/missions", "success", 201, "", prev);
            records.add(r);
            prev = r.hash();
        }
        return records;
    }

    private record Result(int exit, String out) {
    }

    private Result verify(List<AuditRecord> records, String... extra) throws Exception {
        Path file = dir.resolve("audit-" + System.nanoTime() + ".jsonl");
        Files.writeString(file, records.stream().map(AuditChain::toJsonLine).collect(Collectors.joining("\n")));
        List<String> args = new ArrayList<>(List.of("audit", "verify", "--file", file.toString()));
        args.addAll(List.of(extra));
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exit = Lockstep.commandLine().execute(args.toArray(String[]::new));
            return new Result(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void anIntactExportVerifies() throws Exception {
        List<AuditRecord> records = chain(4);
        Result result = verify(records, "--head", "4:" + records.get(3).hash());
        assertEquals(0, result.exit(), result.out());
        assertTrue(result.out().contains("verified 4 audit records"), result.out());
    }

    @Test
    void editedRemovedReorderedAndForgedRecordsAreNamed() throws Exception {
        List<AuditRecord> edited = chain(4);
        AuditRecord r = edited.get(1);
        edited.set(1, new AuditRecord(r.seq(), r.time(), "mallory", r.action(), r.target(), r.outcome(), r.status(),
                r.traceId(), r.prevHash(), r.hash()));
        Result e = verify(edited);
        assertEquals(1, e.exit());
        assertTrue(e.out().contains("seq 2") && e.out().contains("edited"), e.out());

        List<AuditRecord> removed = chain(4);
        removed.remove(2);
        Result m = verify(removed);
        assertEquals(1, m.exit());
        assertTrue(m.out().contains("record 3 is missing"), m.out());

        List<AuditRecord> reordered = chain(4);
        Collections.swap(reordered, 2, 3);
        Result o = verify(reordered);
        assertEquals(1, o.exit());
        assertTrue(o.out().contains("out of order"), o.out());

        List<AuditRecord> forged = chain(4);
        String head = "4:" + forged.get(3).hash();
        AuditRecord t = forged.get(3);
        forged.set(3, AuditRecord.seal(t.seq(), t.time(), "mallory", t.action(), t.target(), t.outcome(), t.status(),
                t.traceId(), t.prevHash()));
        Result f = verify(forged, "--head", head);
        assertEquals(1, f.exit());
        assertTrue(f.out().contains("forged"), f.out());
    }

    @Test
    void aFileThatIsNotAnExportIsSaidToBeOne() throws Exception {
        Path file = Files.writeString(dir.resolve("junk.jsonl"), "{\"seq\": 1, \"oops\": true}\n");
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(1, Lockstep.commandLine().execute("audit", "verify", "--file", file.toString()));
        } finally {
            System.setOut(saved);
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("not an audit export: line 1"), out.toString());
    }
}
