package io.lockstep.runtime;

import static io.lockstep.runtime.journal.JournalFileEdits.flipByte;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.runtime.journal.JournalReader;
import io.lockstep.runtime.journal.MissionJournal;
import io.lockstep.runtime.journal.RawRecord;
import io.lockstep.runtime.journal.RecordType;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalReplayTest {
    @TempDir
    Path dir;

    /** Doubles the first input; fails with a model error when the input is empty. */
    static final InferenceService DOUBLER = (model, input) -> {
        if (input.length == 0) {
            throw new InferenceException("empty input");
        }
        return new float[] {input[0] * 2.123456789f, input[0]};
    };

    static List<String> record(Path journal, ExecutionMode mode, int ticks, int snapshotEvery) {
        List<String> fingerprints = new ArrayList<>();
        try (MissionRuntime rt = TestAgents.mission(mode, TestAgents.echo("e1"), TestAgents.echo("e2"),
                TestAgents.plain("spin", "spin"), TestAgents.plain("m", "minimal"))
                .limits(RuntimeLimits.defaults().withFuelPerTick(100_000)).journal(journal)
                .snapshotEvery(snapshotEvery).inference(DOUBLER).build()) {
            for (int t = 1; t <= ticks; t++) {
                fingerprints.add(rt.tick(inputs(t)).fingerprint());
            }
        }
        return fingerprints;
    }

    static TickInputs inputs(int t) {
        return TickInputs.builder().sensorFrame(TestAgents.frame(t).sensorFrame())
                .peerMessage(new PeerMessage("peer/x", t, "echo/in", new byte[] {(byte) t}))
                .command("noop", new byte[] {1}).build();
    }

    @Test
    void recordedMissionReplaysInBothModes() {
        Path journal = dir.resolve("mission.journal");
        record(journal, ExecutionMode.COMPILED, 25, 10);
        for (ExecutionMode mode : ExecutionMode.values()) {
            List<Long> progress = new ArrayList<>();
            ReplayReport report = JournalReplayer.replay(journal,
                    ReplayOptions.defaults().withExecutionMode(mode).withProgress(progress::add, 10));
            assertTrue(report.ok(), report.detail());
            assertEquals(25, report.lastVerifiedTick());
            assertEquals(-1, report.firstDivergentTick());
            assertEquals(List.of(10L, 20L), progress);
        }
    }

    @Test
    void everyVerifiedResultReachesTheListenerWithItsLogsAndFingerprint() {
        Path journal = dir.resolve("mission.journal");
        List<String> recorded = record(journal, ExecutionMode.COMPILED, 12, 5);
        List<TickResult> seen = new ArrayList<>();
        ReplayReport report = JournalReplayer.replay(journal, ReplayOptions.defaults().withOnVerified(seen::add));
        assertTrue(report.ok(), report.detail());
        assertEquals(13, seen.size(), "init plus 12 ticks");
        assertEquals(0, seen.get(0).tick());
        assertEquals(recorded, seen.subList(1, 13).stream().map(TickResult::fingerprint).toList());
        assertTrue(seen.stream().anyMatch(r -> !r.logs().isEmpty()), "the echo agents log while ticking");

        seen.clear();
        JournalReplayer.replay(journal, ReplayOptions.defaults().withFromSnapshot(10).withOnVerified(seen::add));
        assertEquals(List.of(11L, 12L), seen.stream().map(TickResult::tick).toList());
    }

    @Test
    void replayFromASnapshotVerifiesTheRest() {
        Path journal = dir.resolve("mission.journal");
        record(journal, ExecutionMode.INTERPRETER, 25, 10);
        assertEquals(List.of(10L, 20L), List.copyOf(MissionJournal.load(journal).snapshots().keySet()));
        ReplayReport report = JournalReplayer.replay(journal, ReplayOptions.defaults().withFromSnapshot(20));
        assertTrue(report.ok(), report.detail());
        assertEquals(20, report.startTick());
        assertEquals(25, report.lastVerifiedTick());
        assertThrows(JournalException.class,
                () -> JournalReplayer.replay(journal, ReplayOptions.defaults().withFromSnapshot(15)));
    }

    @Test
    void tamperedResultIsReportedWithTickAgentAndComponent() throws IOException {
        Path journal = dir.resolve("mission.journal");
        record(journal, ExecutionMode.INTERPRETER, 12, 0);
        RawRecord result = recordOf(journal, RecordType.RESULT, 7);
        // Result payload: tick, inference count (0 here), outputs digest, agent count, then agent e1's digest:
        // state byte, fault string (4-byte length, empty), fuel, progress, pages, memory CRC...
        int memoryCrcAt = 8 + 4 + 8 + 4 + 1 + 4 + 8 + 4 + 4;
        rewritePayloadByte(journal, result, memoryCrcAt);
        ReplayReport report = JournalReplayer.replay(journal, ReplayOptions.defaults());
        assertFalse(report.ok());
        assertEquals(7, report.firstDivergentTick());
        assertEquals(6, report.lastVerifiedTick());
        assertEquals("e1", report.agent());
        assertTrue(report.detail().startsWith("memory digest: journal "), report.detail());
    }

    @Test
    void tamperedInputsDivergeAtThatTick() throws IOException {
        Path journal = dir.resolve("mission.journal");
        record(journal, ExecutionMode.INTERPRETER, 12, 0);
        RawRecord inputs = recordOf(journal, RecordType.INPUTS, 5);
        // tick (8), frame length (4), frame: tick(8) then x_m: flip a byte of the position.
        rewritePayloadByte(journal, inputs, 8 + 4 + 8 + 3);
        ReplayReport report = JournalReplayer.replay(journal, ReplayOptions.defaults());
        assertFalse(report.ok());
        assertEquals(5, report.firstDivergentTick());
        assertEquals("e1", report.agent());
        // echo copies the frame into its memory; its emit quota is already used by re-emitted messages.
        assertTrue(report.detail().startsWith("memory digest"), report.detail());
    }

    @Test
    void tornLastRecordIsIgnored() throws IOException {
        Path journal = dir.resolve("mission.journal");
        record(journal, ExecutionMode.INTERPRETER, 10, 0);
        long full = Files.size(journal);
        RawRecord last = recordOf(journal, RecordType.RESULT, 10);
        try (RandomAccessFile f = new RandomAccessFile(journal.toFile(), "rw")) {
            f.setLength(last.offset() + 11);
        }
        ReplayReport report = JournalReplayer.replay(journal, ReplayOptions.defaults());
        assertTrue(report.ok(), report.detail());
        assertEquals(9, report.lastVerifiedTick());
        assertEquals(10, report.unfinishedTick());
        assertEquals(11, report.tornBytes());
        assertTrue(full > last.offset() + 11);
    }

    @Test
    void corruptRecordInTheMiddleFailsNamingItsOffset() throws IOException {
        Path journal = dir.resolve("mission.journal");
        record(journal, ExecutionMode.INTERPRETER, 10, 0);
        RawRecord r = recordOf(journal, RecordType.INPUTS, 4);
        flipByte(journal, r.offset() + 20);
        JournalException e = assertThrows(JournalException.class, () -> JournalReader.read(journal));
        assertTrue(e.getMessage().contains("offset " + r.offset()), e.getMessage());
        assertThrows(JournalException.class, () -> JournalReplayer.replay(journal, ReplayOptions.defaults()));
    }

    @Test
    void corruptLengthFieldInTheMiddleIsNotMistakenForATornTail() throws IOException {
        Path journal = dir.resolve("mission.journal");
        record(journal, ExecutionMode.INTERPRETER, 10, 0);
        RawRecord r = recordOf(journal, RecordType.RESULT, 3);
        // The top byte of the length: the record now claims to run far past the end of the file.
        flipByte(journal, r.offset());
        JournalException e = assertThrows(JournalException.class,
                () -> JournalReplayer.replay(journal, ReplayOptions.defaults()));
        assertTrue(e.getMessage().contains("offset " + r.offset()), e.getMessage());
        // The low byte: the length now ends inside the file, where no checksum matches.
        flipByte(journal, r.offset());
        flipByte(journal, r.offset() + 3);
        e = assertThrows(JournalException.class, () -> JournalReplayer.replay(journal, ReplayOptions.defaults()));
        assertTrue(e.getMessage().contains("offset " + r.offset()), e.getMessage());
    }

    @Test
    void lastRecordFailingItsChecksumIsATornTail() throws IOException {
        Path journal = dir.resolve("mission.journal");
        record(journal, ExecutionMode.INTERPRETER, 10, 0);
        RawRecord last = recordOf(journal, RecordType.RESULT, 10);
        assertEquals(Files.size(journal), last.offset() + last.payloadLength() + 9);
        flipByte(journal, last.offset() + 12);
        ReplayReport report = JournalReplayer.replay(journal, ReplayOptions.defaults());
        assertTrue(report.ok(), report.detail());
        assertEquals(9, report.lastVerifiedTick());
        assertEquals(last.payloadLength() + 9, report.tornBytes());
    }

    @Test
    void aTornTailWhoseBytesLookLikeARecordIsStillTorn() throws IOException {
        Path journal = dir.resolve("mission.journal");
        record(journal, ExecutionMode.INTERPRETER, 10, 0);
        long clean = Files.size(journal);
        // A record cut short whose payload holds a well-formed record (as agent memory in a snapshot might),
        // followed by bytes that are no record: nothing after the cut reaches the end of the file as records.
        java.nio.ByteBuffer inner = java.nio.ByteBuffer.allocate(13).putInt(5).put((byte) 3).putInt(0xCAFE);
        CRC32C crc = new CRC32C();
        crc.update(inner.array(), 4, 5);
        inner.putInt((int) crc.getValue());
        java.nio.ByteBuffer tail = java.nio.ByteBuffer.allocate(5 + 13 + 20).putInt(1000).put((byte) 5)
                .put(inner.array());
        while (tail.hasRemaining()) {
            tail.put((byte) 0xFF);
        }
        Files.write(journal, tail.array(), java.nio.file.StandardOpenOption.APPEND);
        ReplayReport report = JournalReplayer.replay(journal, ReplayOptions.defaults());
        assertTrue(report.ok(), report.detail());
        assertEquals(10, report.lastVerifiedTick());
        assertEquals(Files.size(journal) - clean, report.tornBytes());
    }

    @Test
    void notAJournalIsAClearError() throws IOException {
        Path junk = dir.resolve("junk");
        Files.write(junk, "hello world, not a journal".getBytes());
        JournalException e = assertThrows(JournalException.class,
                () -> JournalReplayer.replay(junk, ReplayOptions.defaults()));
        assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
        Path empty = dir.resolve("empty");
        Files.write(empty, new byte[0]);
        assertThrows(JournalException.class, () -> JournalReplayer.replay(empty, ReplayOptions.defaults()));
        assertThrows(JournalException.class,
                () -> JournalReplayer.replay(dir.resolve("missing"), ReplayOptions.defaults()));
    }

    @Test
    void journalIsSelfContained() {
        Path journal = dir.resolve("mission.journal");
        List<String> live = record(journal, ExecutionMode.INTERPRETER, 3, 0);
        MissionJournal contents = MissionJournal.load(journal);
        assertEquals("m-1", contents.setup().missionId());
        assertEquals(4, contents.setup().agents().size());
        assertEquals(100_000, contents.setup().limits().fuelPerTick());
        assertEquals(live.get(2), java.util.HexFormat.of().formatHex(contents.ticks().get(2).result().fingerprint()));
        assertEquals(3, contents.ticks().get(2).inputs().tick());
    }

    static RawRecord recordOf(Path journal, RecordType type, long tick) {
        int seen = 0;
        for (RawRecord r : JournalReader.read(journal).records()) {
            if (r.type() == type && ++seen == tick) {
                return r;
            }
        }
        throw new AssertionError("no " + type + " record for tick " + tick);
    }

    /** Flips one payload byte and rewrites the record's checksum, so the record itself stays valid. */
    static void rewritePayloadByte(Path journal, RawRecord r, int payloadOffset) throws IOException {
        byte[] payload = r.payload().clone();
        payload[payloadOffset] ^= 0x01;
        rewritePayload(journal, r, payload);
    }

    /** Overwrites a record's payload with one of the same length and rewrites its checksum to match. */
    static void rewritePayload(Path journal, RawRecord r, byte[] payload) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(r.type().code());
        crc.update(payload);
        try (RandomAccessFile f = new RandomAccessFile(journal.toFile(), "rw")) {
            f.seek(r.offset() + 5);
            f.write(payload);
            f.writeInt((int) crc.getValue());
        }
    }
}
