package io.lockstep.runtime.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.lockstep.runtime.journal.JournalFileEdits.flipByte;
import static io.lockstep.runtime.journal.JournalFileEdits.writeAt;

import io.lockstep.runtime.JournalException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal appended through memory-mapped windows: what is appended is what the file holds, the pages
 * faulted in ahead never replace appended bytes, and the zeros a writer that did not close leaves behind read
 * as unused space, never as records or as corruption.
 */
class MappedJournalFileTest {
    @TempDir
    Path dir;

    @Test
    void appendsAcrossWindowsAndCloseCutsTheFileBackToThem() throws IOException {
        Path file = dir.resolve("windows");
        byte[] data = new byte[MappedJournalFile.WINDOW_BYTES + 300_000];
        new Random(7).nextBytes(data);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            MappedJournalFile mapped = new MappedJournalFile(ch, 0);
            // Pieces of uneven sizes, one of them across the window boundary.
            int at = 0;
            for (int piece : new int[] {5, 4091, MappedJournalFile.WINDOW_BYTES - 10_000, 20_000}) {
                mapped.appendRaw(data, at, piece);
                at += piece;
            }
            mapped.appendRaw(data, at, data.length - at);
            assertEquals(data.length, mapped.appended());
            assertTrue(Files.size(file) > data.length, "the file grows a window at a time");
            mapped.close();
        }
        assertArrayEquals(data, Files.readAllBytes(file));
    }

    @Test
    void pagesFaultedInAheadNeverReplaceAppendedBytes() throws Exception {
        Path file = dir.resolve("race");
        int pieces = 3_000;
        byte[] data = new byte[pieces * 1_365];
        new Random(11).nextBytes(data);
        for (int i = 0; i < data.length; i++) {
            data[i] |= 1;  // no zero byte, so a zero where data belongs is a lost store
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            MappedJournalFile mapped = new MappedJournalFile(ch, 0);
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread toucher = new Thread(() -> {
                try {
                    while (!done.get()) {
                        mapped.touchAhead(MappedJournalFile.PAGE_BYTES);  // the very next page, again and again
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            toucher.start();
            for (int i = 0; i < pieces; i++) {
                mapped.appendRaw(data, i * 1_365, 1_365);  // pieces that straddle pages
            }
            done.set(true);
            toucher.join();
            assertEquals(null, failure.get());
            mapped.close();
        }
        assertArrayEquals(data, Files.readAllBytes(file));
    }

    @Test
    void aWriterThatDidNotCloseLeavesZerosThatReadAsUnusedSpace() throws IOException {
        Path file = dir.resolve("open.journal");
        JournalWriter writer = JournalWriter.create(file);
        try {
            for (int i = 0; i < 50; i++) {
                writer.append(RecordType.INPUTS, payload(i, 300));
            }
            // As a crash leaves it: the records, then the zeros of the mapped window.
            JournalReader.Contents contents = JournalReader.read(file);
            assertEquals(50, contents.records().size());
            assertEquals(0, contents.tornBytes(), "zeros are not a torn record");
            assertTrue(Files.size(file) > contents.validBytes());
            assertArrayEquals(payload(49, 300), contents.records().get(49).payload());
        } finally {
            writer.close();
        }
        assertEquals(JournalReader.read(file).validBytes(), Files.size(file), "close cuts the zeros off");
    }

    @Test
    void appendingAfterACrashCutsTheZerosOff() throws IOException {
        Path file = dir.resolve("resumed.journal");
        long valid = crashedJournal(file, 20);
        try (JournalWriter writer = JournalWriter.append(file, valid)) {
            writer.append(RecordType.INPUTS, payload(20, 300));
        }
        JournalReader.Contents contents = JournalReader.read(file);
        assertEquals(21, contents.records().size());
        assertEquals(contents.validBytes(), Files.size(file));
        assertEquals(0, contents.tornBytes());
    }

    @Test
    void aTornRecordFollowedByZerosIsATornTail() throws IOException {
        Path file = dir.resolve("torn.journal");
        long valid = crashedJournal(file, 20);
        // Part of a record: its length, type and the first payload bytes; the rest never got there.
        writeAt(file, valid, ByteBuffer.allocate(9).putInt(301).put((byte) RecordType.INPUTS.code())
                .putInt(0x7F7F7F7F).array());
        JournalReader.Contents contents = JournalReader.read(file);
        assertEquals(20, contents.records().size());
        assertEquals(valid, contents.validBytes());
        assertEquals(Files.size(file) - valid, contents.tornBytes());
    }

    @Test
    void aBadRecordWithRecordsAfterItIsCorruptionEvenWithZerosAtTheEnd() throws IOException {
        Path file = dir.resolve("corrupt.journal");
        crashedJournal(file, 20);
        List<RawRecord> records = JournalReader.read(file).records();
        RawRecord middle = records.get(10);
        // A payload byte: the record fails its checksum, and valid records follow it.
        flipByte(file, middle.offset() + 20);
        JournalException e = assertThrows(JournalException.class, () -> JournalReader.read(file));
        assertTrue(e.getMessage().contains("offset " + middle.offset()), e.getMessage());
        // The length field's top byte: the record claims to run past the end; the records after it still chain
        // up to the zeros.
        flipByte(file, middle.offset() + 20);
        flipByte(file, middle.offset());
        e = assertThrows(JournalException.class, () -> JournalReader.read(file));
        assertTrue(e.getMessage().contains("offset " + middle.offset()), e.getMessage());
    }

    @Test
    void aReaderOfTheLiveJournalSeesWholeRecordsOnly() throws Exception {
        Path file = dir.resolve("live.journal");
        int records = 4_000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (JournalWriter writer = JournalWriter.create(file)) {
            Thread appender = new Thread(() -> {
                try {
                    for (int i = 0; i < records; i++) {
                        writer.append(RecordType.INPUTS, payload(i, 1 + (i * 397) % 3_000));
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            appender.start();
            int seen = 0;
            int reads = 0;
            while (appender.isAlive() || reads == 0) {
                List<RawRecord> now = JournalReader.read(file).records();  // never "corrupt" while it grows
                assertTrue(now.size() >= seen, "records only ever added");
                if (!now.isEmpty()) {
                    int last = now.size() - 1;
                    assertArrayEquals(payload(last, 1 + (last * 397) % 3_000), now.get(last).payload());
                }
                seen = now.size();
                reads++;
            }
            appender.join();
            assertEquals(null, failure.get());
        }
        assertEquals(records, JournalReader.read(file).records().size());
    }

    @Test
    void aRecordAWriterFinishedWhileTheReaderLookedIsReadAgainNotCorruption() throws IOException {
        Path file = dir.resolve("finished.journal");
        crashedJournal(file, 20);
        RawRecord fifth = JournalReader.read(file).records().get(4);
        try (FileChannel ch = FileChannel.open(file)) {
            long size = ch.size();
            // The reader saw a zero length at the fifth record; by the time it checks, the record is whole.
            assertTrue(TornTail.check(file, ch, fifth.offset(), ZeroTail.start(ch, fifth.offset(), size), size));
        }
    }

    /** Writes {@code records} records and leaves the file as a crash would; returns where the records end. */
    private static long crashedJournal(Path file, int records) throws IOException {
        JournalWriter writer = JournalWriter.create(file);
        for (int i = 0; i < records; i++) {
            writer.append(RecordType.INPUTS, payload(i, 300));
        }
        Path copy = file.resolveSibling(file.getFileName() + ".crashed");
        Files.copy(file, copy);
        writer.close();
        Files.move(copy, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        long valid = JournalReader.read(file).validBytes();
        assertTrue(Files.size(file) > valid, "the copy holds the zeros of the mapped window");
        return valid;
    }

    private static byte[] payload(int seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
