package io.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.runtime.journal.MissionJournal;
import io.lockstep.runtime.journal.RawRecord;
import io.lockstep.runtime.journal.RecordType;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restarted node resumes from its journal with the fingerprints it would have had without the crash. */
class ResumeTest {
    @TempDir
    Path dir;

    private static final int TOTAL = 40;

    /** Fingerprints of an uninterrupted run of TOTAL ticks. */
    private List<String> reference() {
        return JournalReplayTest.record(dir.resolve("reference.journal"), ExecutionMode.INTERPRETER, TOTAL, 10);
    }

    private List<String> continueAfterResume(Path journal, ExecutionMode mode) {
        List<String> out = new ArrayList<>();
        try (MissionRuntime rt = MissionRuntime.resume(journal, JournalReplayTest.DOUBLER, mode)) {
            for (long t = rt.currentTick() + 1; t <= TOTAL; t++) {
                out.add(rt.tick(JournalReplayTest.inputs((int) t)).fingerprint());
            }
        }
        return out;
    }

    @Test
    void resumeAfterATornTailContinuesWithTheSameFingerprints() throws IOException {
        List<String> reference = reference();
        Path journal = dir.resolve("node.journal");
        JournalReplayTest.record(journal, ExecutionMode.INTERPRETER, 25, 10);
        Files.write(journal, new byte[] {0, 0, 1, 0, 3, 9, 9}, StandardOpenOption.APPEND);

        List<String> resumed = continueAfterResume(journal, ExecutionMode.COMPILED);
        assertEquals(reference.subList(25, TOTAL), resumed);

        ReplayReport report = JournalReplayer.replay(journal, ReplayOptions.defaults());
        assertTrue(report.ok(), report.detail());
        assertEquals(TOTAL, report.lastVerifiedTick());
        assertEquals(0, report.tornBytes(), "the torn tail was cut before appending");
        assertEquals(List.of(10L, 20L, 30L, 40L), List.copyOf(MissionJournal.load(journal).snapshots().keySet()));
    }

    @Test
    void resumeFinishesATickInterruptedBetweenInputsAndResult() throws IOException {
        List<String> reference = reference();
        Path journal = dir.resolve("node.journal");
        JournalReplayTest.record(journal, ExecutionMode.INTERPRETER, 23, 10);
        RawRecord lastResult = JournalReplayTest.recordOf(journal, RecordType.RESULT, 23);
        try (RandomAccessFile f = new RandomAccessFile(journal.toFile(), "rw")) {
            f.setLength(lastResult.offset());
        }
        try (MissionRuntime rt = MissionRuntime.resume(journal, JournalReplayTest.DOUBLER, ExecutionMode.INTERPRETER)) {
            assertEquals(23, rt.currentTick());
            List<String> resumed = new ArrayList<>();
            for (int t = 24; t <= TOTAL; t++) {
                resumed.add(rt.tick(JournalReplayTest.inputs(t)).fingerprint());
            }
            assertEquals(reference.subList(23, TOTAL), resumed);
        }
        assertTrue(JournalReplayer.replay(journal, ReplayOptions.defaults()).ok());
    }

    @Test
    void lastFingerprintIsThatOfTheLastJournaledTickRightAfterResume() {
        List<String> reference = reference();
        Path atSnapshot = dir.resolve("at-snapshot.journal");
        JournalReplayTest.record(atSnapshot, ExecutionMode.INTERPRETER, 20, 10);
        try (MissionRuntime rt = MissionRuntime.resume(atSnapshot, JournalReplayTest.DOUBLER, ExecutionMode.INTERPRETER)) {
            assertTrue(rt.initResult().isEmpty(), "restored from the tick-20 snapshot, init not re-run");
            assertEquals(20, rt.currentTick());
            assertEquals(reference.get(19), rt.lastFingerprint());
            String next = rt.tick(JournalReplayTest.inputs(21)).fingerprint();
            assertEquals(next, rt.lastFingerprint());
        }
        Path pastSnapshot = dir.resolve("past-snapshot.journal");
        JournalReplayTest.record(pastSnapshot, ExecutionMode.INTERPRETER, 27, 10);
        try (MissionRuntime rt = MissionRuntime.resume(pastSnapshot, JournalReplayTest.DOUBLER, ExecutionMode.COMPILED)) {
            assertEquals(27, rt.currentTick());
            assertEquals(reference.get(26), rt.lastFingerprint());
        }
    }

    @Test
    void resumeWithoutSnapshotsReExecutesFromInit() {
        List<String> reference = reference();
        Path journal = dir.resolve("node.journal");
        JournalReplayTest.record(journal, ExecutionMode.COMPILED, 5, 0);
        assertEquals(reference.subList(5, TOTAL), continueAfterResume(journal, ExecutionMode.INTERPRETER));
    }

    @Test
    void resumeRefusesAJournalThatDoesNotReExecute() throws IOException {
        Path journal = dir.resolve("node.journal");
        JournalReplayTest.record(journal, ExecutionMode.INTERPRETER, 15, 10);
        RawRecord result = JournalReplayTest.recordOf(journal, RecordType.RESULT, 12);
        JournalReplayTest.rewritePayloadByte(journal, result, 8 + 4 + 2);
        JournalException e = assertThrows(JournalException.class,
                () -> MissionRuntime.resume(journal, JournalReplayTest.DOUBLER, ExecutionMode.INTERPRETER));
        assertTrue(e.getMessage().contains("diverged at tick 12"), e.getMessage());
    }
}
