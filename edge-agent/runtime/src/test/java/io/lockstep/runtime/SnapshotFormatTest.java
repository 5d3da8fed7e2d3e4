package io.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.agents.ExampleAgents;
import io.lockstep.runtime.engine.AgentStateData;
import io.lockstep.runtime.engine.EngineSnapshot;
import io.lockstep.runtime.engine.MemoryRun;
import io.lockstep.runtime.engine.MissionEngine;
import io.lockstep.runtime.engine.MissionSetup;
import io.lockstep.runtime.engine.SnapshotMemory;
import io.lockstep.runtime.host.JournaledInference;
import io.lockstep.runtime.journal.FullSnapshotEncoder;
import io.lockstep.runtime.journal.JournalReader;
import io.lockstep.runtime.journal.JournalWriter;
import io.lockstep.runtime.journal.MissionJournal;
import io.lockstep.runtime.journal.RawRecord;
import io.lockstep.runtime.journal.RecordType;
import io.lockstep.runtime.journal.SnapshotCodec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots store each agent's memory as the runs that differ from its module's fresh memory; older journals
 * store whole memories. Both restore exactly, and a snapshot that is torn or corrupt is told apart as the
 * rest of the journal is.
 */
class SnapshotFormatTest {
    private static final int TOTAL = 30;

    @TempDir
    Path dir;

    /** Fingerprints of an uninterrupted run of TOTAL ticks. */
    private List<String> reference(int snapshotEvery) {
        return JournalReplayTest.record(dir.resolve("reference.journal"), ExecutionMode.INTERPRETER, TOTAL,
                snapshotEvery);
    }

    /** A journal of the first 20 of those ticks. */
    private Path recorded(String name, int snapshotEvery) {
        Path journal = dir.resolve(name);
        JournalReplayTest.record(journal, ExecutionMode.INTERPRETER, 20, snapshotEvery);
        return journal;
    }

    private static List<String> continueAfterResume(Path journal, ExecutionMode mode) {
        List<String> out = new ArrayList<>();
        try (MissionRuntime rt = MissionRuntime.resume(journal, JournalReplayTest.DOUBLER, mode)) {
            for (long t = rt.currentTick() + 1; t <= TOTAL; t++) {
                out.add(rt.tick(JournalReplayTest.inputs((int) t)).fingerprint());
            }
        }
        return out;
    }

    private static AgentDefinition survey(String name) {
        return new AgentDefinition(name, ExampleAgents.bytes("survey"), List.of(new Parameter("lane_spacing", "10")),
                new CapabilityGrant(List.of("sensor_read", "act_velocity", "emit"), List.of("swarm/**"),
                        List.of(), List.of()));
    }

    @Test
    void aSnapshotHoldsWhatDiffersFromTheFreshMemoryAndRestoresExactly() {
        Path journal = dir.resolve("survey.journal");
        RuntimeLimits limits = RuntimeLimits.defaults().withMaxMemoryPages(8);
        List<String> reference = new ArrayList<>();
        try (MissionRuntime rt = TestAgents.mission(ExecutionMode.COMPILED, survey("s1"), survey("s2"),
                TestAgents.plain("bomb", "membomb")).limits(limits).journal(journal).snapshotEvery(10).build()) {
            for (int t = 1; t <= 20; t++) {
                reference.add(rt.tick(TestAgents.frame(t)).fingerprint());
            }
        }
        MissionJournal contents = MissionJournal.load(journal);
        RawRecord record = contents.snapshots().get(10L);
        assertEquals(RecordType.SNAPSHOT, record.type());
        EngineSnapshot snapshot = contents.snapshot(10);
        long memoryBytes = 0;
        for (AgentStateData a : snapshot.agents()) {
            memoryBytes += (long) a.memoryPages() * 65_536;
            assertTrue(a.memory().storedBytes() < a.memoryPages() * 65_536L, a.name() + " stored whole");
            assertTrue(!a.memory().runs().isEmpty(), a.name() + " changed its memory");
        }
        assertEquals(8, snapshot.agents().get(2).memoryPages(), "the grown memory is restored to its size");
        assertTrue(record.payloadLength() * 8L < memoryBytes,
                "snapshot " + record.payloadLength() + " bytes for " + memoryBytes + " bytes of memory");

        // Resuming from the run-based snapshot (ticks 11-20 re-executed against the journal) matches the live run.
        try (MissionRuntime rt = MissionRuntime.resume(journal, InferenceService.NONE, ExecutionMode.INTERPRETER)) {
            assertEquals(reference.get(19), rt.lastFingerprint());
        }
        ReplayReport fromSnapshot = JournalReplayer.replay(journal, ReplayOptions.defaults().withFromSnapshot(10));
        assertTrue(fromSnapshot.ok(), fromSnapshot.detail());
        assertEquals(20, fromSnapshot.lastVerifiedTick());
    }

    @Test
    void journalsWithTheOlderWholeMemorySnapshotsStillReplayAndResume() throws IOException {
        List<String> reference = reference(0);
        Path recorded = recorded("recorded.journal", 0);
        MissionJournal contents = MissionJournal.load(recorded);
        // The state after tick 10, as an older runtime wrote it: whole memories.
        byte[] oldSnapshot;
        try (MissionEngine engine = new MissionEngine(contents.setup(), inferenceOf(contents), List::of, 1)) {
            engine.initialize();
            for (int t = 0; t < 10; t++) {
                engine.tick(contents.ticks().get(t).inputs());
            }
            List<byte[]> memories = new ArrayList<>();
            for (int i = 0; i < contents.setup().agents().size(); i++) {
                memories.add(engine.memoryCopy(i));
            }
            oldSnapshot = FullSnapshotEncoder.encode(engine.snapshot(), memories, true);
        }
        Path journal = dir.resolve("old.journal");
        try (JournalWriter w = JournalWriter.create(journal)) {
            int results = 0;
            for (RawRecord r : JournalReader.read(recorded).records()) {
                w.append(r.type(), r.payload());
                if (r.type() == RecordType.RESULT && ++results == 10) {
                    w.append(RecordType.FULL_SNAPSHOT, oldSnapshot);
                }
            }
        }
        assertEquals(RecordType.FULL_SNAPSHOT, MissionJournal.load(journal).snapshots().get(10L).type());
        ReplayReport report = JournalReplayer.replay(journal, ReplayOptions.defaults().withFromSnapshot(10));
        assertTrue(report.ok(), report.detail());
        assertEquals(20, report.lastVerifiedTick());
        assertEquals(reference.subList(20, TOTAL), continueAfterResume(journal, ExecutionMode.COMPILED));
        // The resumed node writes its snapshots in the current layout after the old one.
        MissionJournal after = MissionJournal.load(journal);
        assertEquals(RecordType.FULL_SNAPSHOT, after.snapshots().get(10L).type());
        assertTrue(JournalReplayer.replay(journal, ReplayOptions.defaults()).ok());
    }

    /** Serves the journal's inference results in call order, as replay does. */
    private static JournaledInference inferenceOf(MissionJournal contents) {
        JournaledInference inference = new JournaledInference();
        List<io.lockstep.runtime.host.InferenceRecord> all = new ArrayList<>(contents.init().inference());
        contents.ticks().forEach(t -> all.addAll(t.result().inference()));
        inference.load(all);
        return inference;
    }

    @Test
    void aTornSnapshotIsATornTailAndResumeFallsBackToTheSnapshotBefore() throws IOException {
        List<String> reference = reference(10);
        Path journal = recorded("node.journal", 10);
        RawRecord last = MissionJournal.load(journal).snapshots().get(20L);
        assertEquals(Files.size(journal), last.offset() + last.payloadLength() + 9, "the snapshot is the last record");
        try (RandomAccessFile f = new RandomAccessFile(journal.toFile(), "rw")) {
            f.setLength(last.offset() + last.payloadLength() / 2);
        }
        MissionJournal torn = MissionJournal.load(journal);
        assertEquals(List.of(10L), List.copyOf(torn.snapshots().keySet()));
        assertEquals(last.payloadLength() / 2, torn.tornBytes());
        assertEquals(20, torn.lastCompletedTick());

        assertEquals(reference.subList(20, TOTAL), continueAfterResume(journal, ExecutionMode.COMPILED));
        assertEquals(List.of(10L, 20L, 30L), List.copyOf(MissionJournal.load(journal).snapshots().keySet()));
    }

    @Test
    void aDamagedSnapshotWithRecordsAfterItIsCorruptionNamingItsOffset() throws IOException {
        Path journal = dir.resolve("node.journal");
        JournalReplayTest.record(journal, ExecutionMode.INTERPRETER, 15, 10);
        RawRecord snapshot = MissionJournal.load(journal).snapshots().get(10L);
        try (RandomAccessFile f = new RandomAccessFile(journal.toFile(), "rw")) {
            long at = snapshot.offset() + 5 + snapshot.payloadLength() / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x10);
        }
        JournalException e = assertThrows(JournalException.class, () -> MissionJournal.load(journal));
        assertTrue(e.getMessage().contains("offset " + snapshot.offset()), e.getMessage());
        assertThrows(JournalException.class,
                () -> MissionRuntime.resume(journal, JournalReplayTest.DOUBLER, ExecutionMode.INTERPRETER));
    }

    @Test
    void aSnapshotWithAValidChecksumButWrongContentIsRefusedNamingItsOffset() throws IOException {
        Path journal = dir.resolve("node.journal");
        JournalReplayTest.record(journal, ExecutionMode.INTERPRETER, 15, 10);
        Path badMemory = dir.resolve("bad-memory.journal");
        Files.copy(journal, badMemory);
        RawRecord snapshot = rewriteSnapshot(badMemory, s -> withFirstRun(s, run -> {
            byte[] data = run.data().clone();
            data[0] ^= 1;
            return new MemoryRun(run.offset(), data);
        }));
        JournalException e = assertThrows(JournalException.class,
                () -> MissionRuntime.resume(badMemory, JournalReplayTest.DOUBLER, ExecutionMode.INTERPRETER));
        assertTrue(e.getMessage().contains("offset " + snapshot.offset()) && e.getMessage().contains("CRC32C"),
                e.getMessage());

        Path outside = dir.resolve("outside.journal");
        Files.copy(journal, outside);
        rewriteSnapshot(outside, s -> withFirstRun(s, run -> new MemoryRun(Integer.MAX_VALUE - 3, run.data())));
        e = assertThrows(JournalException.class,
                () -> JournalReplayer.replay(outside, ReplayOptions.defaults().withFromSnapshot(10)));
        assertTrue(e.getMessage().contains("offset " + snapshot.offset()) && e.getMessage().contains("memory run"),
                e.getMessage());
    }

    /** Replaces the first memory run of the first agent that has one. */
    private static EngineSnapshot withFirstRun(EngineSnapshot s, UnaryOperator<MemoryRun> change) {
        List<AgentStateData> agents = new ArrayList<>(s.agents());
        for (int i = 0; i < agents.size(); i++) {
            AgentStateData a = agents.get(i);
            SnapshotMemory m = a.memory();
            if (!m.runs().isEmpty()) {
                List<MemoryRun> runs = new ArrayList<>(m.runs());
                runs.set(0, change.apply(runs.get(0)));
                agents.set(i, new AgentStateData(a.name(), a.state(), a.fault(), a.progressPermille(), a.rngState(),
                        a.lastEmitSeq(), new SnapshotMemory(m.pages(), m.baseSha256(), runs, m.crc32c()), a.globals(),
                        a.kv(), a.reportedFuel()));
                return new EngineSnapshot(s.tick(), s.fingerprint(), s.pending(), agents);
            }
        }
        throw new AssertionError("no agent changed its memory");
    }

    /** Re-encodes the snapshot at tick 10 (same length) with a valid checksum; returns its record. */
    private static RawRecord rewriteSnapshot(Path journal, UnaryOperator<EngineSnapshot> change) throws IOException {
        RawRecord r = MissionJournal.load(journal).snapshots().get(10L);
        byte[] payload = SnapshotCodec.encode(change.apply(MissionJournal.load(journal).snapshot(10)));
        assertEquals(r.payloadLength(), payload.length);
        JournalReplayTest.rewritePayload(journal, r, payload);
        return r;
    }
}
