package io.lockstep.runtime.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lockstep.runtime.AgentState;
import io.lockstep.runtime.InputEvent;
import io.lockstep.runtime.PeerMessage;
import io.lockstep.runtime.engine.AgentDigest;
import io.lockstep.runtime.engine.CanonicalInputs;
import io.lockstep.runtime.host.InferenceRecord;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tick's records encoded through the writer's one reused payload array are byte for byte the records the
 * standalone encoders produce, whatever larger or smaller record came before (no stale bytes survive a reset).
 */
class TickRecordEncodingTest {
    @TempDir
    Path dir;

    @Test
    void reusedPayloadGivesTheSameFileAsOneArrayPerRecord() throws IOException {
        List<Object> records = List.of(result(0, 3, "", List.of()), inputs(1, 40, 0), result(1, 100, "", List.of()),
                inputs(2, 0, 0), result(2, 2, "trap: unreachable", List.of(new InferenceRecord(1, "hazard", 0,
                        new float[] {0.25f, Float.intBitsToFloat(0x7fc00001)}))),
                // Bigger than the array the writer keeps between records, then small ones again.
                inputs(3, 3, PayloadWriter.RETAINED_BYTES + 10), result(3, 100, "", List.of()), inputs(4, 1, 0),
                result(4, 1, "", List.of()));
        Path reused = dir.resolve("reused.journal");
        Path separate = dir.resolve("separate.journal");
        try (JournalWriter a = JournalWriter.create(reused); JournalWriter b = JournalWriter.create(separate)) {
            for (Object r : records) {
                if (r instanceof CanonicalInputs in) {
                    a.appendInputs(in);
                    b.append(RecordType.INPUTS, JournalCodec.inputs(in));
                } else {
                    TickRecord t = (TickRecord) r;
                    RecordType type = t.tick() == 0 ? RecordType.INIT : RecordType.RESULT;
                    a.appendResult(type, t);
                    b.append(type, JournalCodec.result(t));
                }
            }
        }
        assertArrayEquals(Files.readAllBytes(separate), Files.readAllBytes(reused));
        List<RawRecord> read = JournalReader.read(reused).records();
        assertEquals(records.size(), read.size());
        assertEquals(100, JournalCodec.result(read.get(2).payload()).digests().size());
    }

    @Test
    void onlyResultRecordsTakeAResult() {
        TickRecord t = result(1, 1, "", List.of());
        try (JournalWriter w = JournalWriter.create(dir.resolve("types.journal"))) {
            assertThrows(IllegalArgumentException.class, () -> w.appendResult(RecordType.INPUTS, t));
        }
    }

    @Test
    void integersAreWrittenInDataOutputStreamOrder() throws IOException {
        long[] samples = {0, 1, -1, 0x0102030405060708L, Long.MIN_VALUE, Long.MAX_VALUE, 0x80L, 0xFF00FF00L};
        PayloadWriter w = new PayloadWriter(16);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream expected = new DataOutputStream(bytes);
        for (long v : samples) {
            w.i32((int) v).i64(v).f64(Double.longBitsToDouble(v)).u8((int) v);
            expected.writeInt((int) v);
            expected.writeLong(v);
            expected.writeLong(v);
            expected.writeByte((int) v);
        }
        assertArrayEquals(bytes.toByteArray(), w.toByteArray());
    }

    private static TickRecord result(long tick, int agents, String fault, List<InferenceRecord> inference) {
        List<AgentDigest> digests = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            long x = tick * 1_000_003L + i * 7_919L;
            digests.add(new AgentDigest(i == 1 && !fault.isEmpty() ? AgentState.FAULTED : AgentState.RUNNING,
                    i == 1 ? fault : "", x * 31, (int) (x % 1000), 3, (int) (x * 17), x * 13, ~x, x ^ 0x5555));
        }
        byte[] fingerprint = new byte[32];
        fingerprint[0] = (byte) tick;
        fingerprint[31] = (byte) agents;
        return new TickRecord(tick, inference, tick * 101, digests, fingerprint);
    }

    private static CanonicalInputs inputs(long tick, int peers, int commandBytes) {
        byte[] frame = new byte[64];
        frame[0] = (byte) tick;
        List<PeerMessage> messages = new ArrayList<>();
        for (int i = 0; i < peers; i++) {
            messages.add(new PeerMessage("node-" + i, tick * 10 + i, "swarm/progress/node-" + i, new byte[] {(byte) i}));
        }
        List<InputEvent> commands = commandBytes == 0 ? List.of()
                : List.of(new InputEvent("mission-update", new byte[commandBytes]));
        return new CanonicalInputs(tick, frame, messages, commands, List.of(new InputEvent("link-policy", new byte[3])));
    }
}
