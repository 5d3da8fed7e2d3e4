package io.lockstep.edge.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.proto.v1.CommandAck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLedgerTest {

    @TempDir
    Path dir;

    @Test
    void remembersTheWatermarkAndOutcomesAcrossRestarts() {
        Path file = dir.resolve("commands");
        try (CommandLedger ledger = new CommandLedger(file)) {
            assertFalse(ledger.isDuplicate(1));
            ledger.record(CommandAck.newBuilder().setCommandSeq(1).setApplied(false).setError("nope").build());
            ledger.record(CommandAck.newBuilder().setCommandSeq(2).setApplied(true).build());
        }
        try (CommandLedger reopened = new CommandLedger(file)) {
            assertEquals(2, reopened.lastApplied());
            assertTrue(reopened.isDuplicate(1));
            assertTrue(reopened.isDuplicate(2));
            assertFalse(reopened.isDuplicate(3));
            assertEquals("nope", reopened.ackForDuplicate(1).getError());
            assertFalse(reopened.ackForDuplicate(1).getApplied());
            assertTrue(reopened.ackForDuplicate(2).getApplied());
        }
    }

    @Test
    void aCorruptFileStartsEmptyInsteadOfFailing() throws IOException {
        Path file = dir.resolve("commands");
        Files.write(file, new byte[] {42, 42, 42, 42, 42, 42, 42, 42, 42, 42, 42});
        try (CommandLedger ledger = new CommandLedger(file)) {
            assertEquals(0, ledger.lastApplied());
        }
    }
}
