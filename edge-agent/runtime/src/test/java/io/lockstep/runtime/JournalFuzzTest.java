package io.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.runtime.journal.JournalReader;
import io.lockstep.runtime.journal.RawRecord;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupts journal records while keeping their checksums valid (the case a checksum cannot catch), then
 * replays and resumes. Every case must end in a report, a {@link JournalException} or a
 * {@link ModuleRejectedException}: never another exception.
 */
class JournalFuzzTest {
    /** Corrupted journals replayed; a tenth of the module fuzz cases (-Dlockstep.fuzz.cases). */
    private static final int CASES = Math.max(50, Integer.getInteger("lockstep.fuzz.cases", 2000) / 10);

    @TempDir
    Path dir;

    @Test
    void corruptRecordsWithValidChecksumsFailCleanly() throws IOException {
        Path original = dir.resolve("original.journal");
        try (MissionRuntime rt = TestAgents.mission(ExecutionMode.INTERPRETER, TestAgents.echo("e"),
                TestAgents.plain("m", "minimal")).journal(original).snapshotEvery(5).build()) {
            for (int t = 1; t <= 12; t++) {
                rt.tick(JournalReplayTest.inputs(t));
            }
        }
        List<RawRecord> records = JournalReader.read(original).records();
        SplittableRandom random = new SplittableRandom(Long.getLong("lockstep.fuzz.seed", 7));
        int clean = 0;
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            Path copy = dir.resolve("case.journal");
            Files.copy(original, copy, StandardCopyOption.REPLACE_EXISTING);
            RawRecord victim = records.get(random.nextInt(records.size()));
            corrupt(copy, victim, random);
            try {
                ReplayOptions options = ReplayOptions.defaults();
                if (random.nextBoolean()) {
                    options = options.withFromSnapshot(random.nextBoolean() ? 5 : 10);
                }
                JournalReplayer.replay(copy, options);
                clean++;
            } catch (JournalException | ModuleRejectedException e) {
                assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
                refused++;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("case " + i + ": corrupting the " + victim.type() + " record at offset "
                        + victim.offset() + " escaped as " + e, e);
            }
        }
        assertTrue(clean > 0 && refused > 0, "clean " + clean + ", refused " + refused);
    }

    /** Overwrites one payload byte and rewrites the record's checksum to match. */
    private static void corrupt(Path file, RawRecord r, SplittableRandom random) throws IOException {
        byte[] payload = JournalReader.payload(file, r).clone();
        int at = random.nextInt(payload.length);
        payload[at] = (byte) (random.nextBoolean() ? payload[at] ^ (1 << random.nextInt(8)) : random.nextInt(256));
        CRC32C crc = new CRC32C();
        crc.update(r.type().code());
        crc.update(payload);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(r.offset() + 5);
            f.write(payload);
            f.writeInt((int) crc.getValue());
        }
    }
}
