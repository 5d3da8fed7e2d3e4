package io.lockstep.edge.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.StatusUpdate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {

    @TempDir
    Path dir;

    private static EdgeToC2 status(String detail) {
        return EdgeToC2.newBuilder().setStatus(StatusUpdate.newBuilder().setDetail(detail)).build();
    }

    private static List<String> details(List<EdgeToC2> messages) {
        return messages.stream().map(m -> m.getStatus().getDetail()).toList();
    }

    @Test
    void appendAssignsIncreasingSeqsAndSurvivesReopen() {
        Path file = dir.resolve("outbox.log");
        try (Outbox outbox = new Outbox(file, 100)) {
            assertEquals(1, outbox.append(status("a")).getSeq());
            assertEquals(2, outbox.append(status("b")).getSeq());
        }
        try (Outbox reopened = new Outbox(file, 100)) {
            assertEquals(List.of("a", "b"), details(reopened.pendingAfter(0)));
            assertEquals(3, reopened.append(status("c")).getSeq());
        }
    }

    @Test
    void acknowledgedEntriesAreCompactedAwayButTheSeqNeverGoesBack() throws IOException {
        Path file = dir.resolve("outbox.log");
        try (Outbox outbox = new Outbox(file, 100)) {
            outbox.append(status("a"));
            outbox.append(status("b"));
            outbox.acknowledge(2);
            assertEquals(0, outbox.pendingCount());
        }
        assertTrue(Files.size(file) < 64, "only the watermark record remains");
        try (Outbox reopened = new Outbox(file, 100)) {
            assertEquals(0, reopened.pendingCount());
            assertEquals(3, reopened.append(status("c")).getSeq());
            assertEquals(2, reopened.acknowledgedSeq());
        }
    }

    @Test
    void partialAcknowledgementKeepsTheRestAfterReopen() {
        Path file = dir.resolve("outbox.log");
        try (Outbox outbox = new Outbox(file, 100)) {
            for (String s : new String[] {"a", "b", "c"}) {
                outbox.append(status(s));
            }
            outbox.acknowledge(1);
        }
        try (Outbox reopened = new Outbox(file, 100)) {
            assertEquals(List.of("b", "c"), details(reopened.pendingAfter(0)));
            assertEquals(List.of("c"), details(reopened.pendingAfter(2)));
        }
    }

    @Test
    void aTornTailFromACrashIsDroppedAndEarlierEntriesKept() throws IOException {
        Path file = dir.resolve("outbox.log");
        try (Outbox outbox = new Outbox(file, 100)) {
            outbox.append(status("a"));
            outbox.append(status("b"));
        }
        long size = Files.size(file);
        // A crash in the middle of writing "b": cut its last bytes off.
        try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size - 3);
        }
        try (Outbox reopened = new Outbox(file, 100)) {
            assertEquals(List.of("a"), details(reopened.pendingAfter(0)));
            assertEquals(2, reopened.append(status("b2")).getSeq());
        }
    }

    @Test
    void garbageInTheFileIsSkippedNotFatal() throws IOException {
        Path file = dir.resolve("outbox.log");
        try (Outbox outbox = new Outbox(file, 100)) {
            outbox.append(status("a"));
        }
        Files.write(file, new byte[] {1, 0, 0, 0, 4, 9, 9, 9, 9, 1, 2, 3, 4}, StandardOpenOption.APPEND);
        try (Outbox reopened = new Outbox(file, 100)) {
            assertEquals(List.of("a"), details(reopened.pendingAfter(0)));
        }
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        try (Outbox fromGarbage = new Outbox(file, 100)) {
            assertEquals(0, fromGarbage.pendingCount());
            assertEquals(1, fromGarbage.append(status("x")).getSeq());
        }
    }

    @Test
    void whenFullTheOldestEntryIsDroppedAndCounted() {
        Path file = dir.resolve("outbox.log");
        try (Outbox outbox = new Outbox(file, 2)) {
            outbox.append(status("a"));
            outbox.append(status("b"));
            outbox.append(status("c"));
            assertEquals(List.of("b", "c"), details(outbox.pendingAfter(0)));
            assertEquals(1, outbox.dropped());
        }
        try (Outbox reopened = new Outbox(file, 2)) {
            assertEquals(List.of("b", "c"), details(reopened.pendingAfter(0)));
            assertEquals(1, reopened.dropped());
        }
    }

    @Test
    void anAckBeyondTheLastSeqMovesTheSeqPastIt() {
        try (Outbox outbox = new Outbox(dir.resolve("outbox.log"), 10)) {
            outbox.acknowledge(41);
            assertEquals(42, outbox.append(status("a")).getSeq());
        }
    }

    @Test
    void anInterruptedWriterDoesNotBreakTheOutboxForItselfOrOthers() {
        Path file = dir.resolve("outbox.log");
        try (Outbox outbox = new Outbox(file, 10)) {
            Thread.currentThread().interrupt();
            outbox.append(status("a"));
            assertTrue(Thread.interrupted(), "the caller's interrupt status is kept");
            outbox.append(status("b"));
            outbox.acknowledge(1);
        }
        try (Outbox reopened = new Outbox(file, 10)) {
            assertEquals(List.of("b"), details(reopened.pendingAfter(0)));
        }
    }

    @Test
    void rejectsANonPositiveBound() {
        assertThrows(IllegalArgumentException.class, () -> new Outbox(dir.resolve("o"), 0));
    }
}
