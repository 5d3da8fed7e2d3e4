package io.lockstep.edge.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.proto.v1.AgentStatus;
import io.lockstep.proto.v1.CommandAck;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.StatusUpdate;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A message that could never be delivered must not poison the outbox. */
class OutboxBoundsTest {

    /** C2's inbound gRPC limit. */
    private static final int C2_MAX_INBOUND = 4 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aHugeEstopReasonEchoedInAStatusIsCutAtAppend() {
        try (Outbox outbox = new Outbox(dir.resolve("outbox.log"), 100)) {
            String reason = "stop: " + "r".repeat(10 * 1024 * 1024);
            EdgeToC2 queued = outbox.append(EdgeToC2.newBuilder().setStatus(StatusUpdate.newBuilder()
                    .setMissionId("m-1").setDetail("emergency stop: " + reason)).build());

            assertEquals(1, queued.getSeq());
            assertTrue(queued.getSerializedSize() < 64 * 1024, "queued " + queued.getSerializedSize() + " bytes");
            assertTrue(queued.getStatus().getDetail().startsWith("emergency stop: stop: rrr"));
            assertTrue(queued.getStatus().getDetail().endsWith("...[cut]"));
            assertEquals(queued, outbox.pendingAfter(0).get(0));
        }
    }

    @Test
    void everyListAndTextFieldIsBoundedSoAnyStatusFitsC2sLimit() {
        StatusUpdate.Builder status = StatusUpdate.newBuilder().setMissionId("m".repeat(100_000))
                .setJournalPath("p".repeat(100_000)).setFingerprint("f".repeat(100_000));
        for (int i = 0; i < 20_000; i++) {
            status.addAgents(AgentStatus.newBuilder().setName("agent-" + i + "n".repeat(300))
                    .setState("s".repeat(300)).setFault("x".repeat(5_000)));
            status.putInterventions("k" + i + "k".repeat(300), i);
        }
        try (Outbox outbox = new Outbox(dir.resolve("outbox.log"), 100)) {
            EdgeToC2 queued = outbox.append(EdgeToC2.newBuilder().setStatus(status).build());
            assertTrue(queued.getSeq() > 0);
            assertTrue(queued.getSerializedSize() <= 1024 * 1024, "queued " + queued.getSerializedSize() + " bytes");
            assertEquals(256, queued.getStatus().getAgentsCount());
            assertEquals(256, queued.getStatus().getInterventionsCount());
            EdgeToC2 ack = outbox.append(EdgeToC2.newBuilder().setAck(CommandAck.newBuilder().setCommandSeq(3)
                    .setError("e".repeat(C2_MAX_INBOUND))).build());
            assertEquals(4096, ack.getAck().getError().length());
        }
    }

    @Test
    void anOversizeEntryLeftByAnOlderVersionIsDroppedAtLoadAndCounted() {
        Path file = dir.resolve("outbox.log");
        EdgeToC2 poison = EdgeToC2.newBuilder().setSeq(1).setStatus(StatusUpdate.newBuilder()
                // An unknown field (as a newer or broken writer could leave) that no bound can cut.
                .setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder().addField(99,
                        com.google.protobuf.UnknownFieldSet.Field.newBuilder()
                                .addLengthDelimited(com.google.protobuf.ByteString.copyFrom(new byte[C2_MAX_INBOUND + 1]))
                                .build()).build())).build();
        EdgeToC2 fine = EdgeToC2.newBuilder().setSeq(2).setStatus(StatusUpdate.newBuilder().setDetail("ok")).build();
        try (RecordLog log = RecordLog.open(file, new ArrayList<>())) {
            log.append((byte) 1, poison.toByteArray(), true);
            log.append((byte) 1, fine.toByteArray(), true);
        }
        try (Outbox outbox = new Outbox(file, 100)) {
            assertEquals(1, outbox.oversize());
            assertEquals(1, outbox.pendingCount());
            assertEquals(2, outbox.pendingAfter(0).get(0).getSeq());
            assertEquals(3, outbox.append(EdgeToC2.newBuilder().setStatus(StatusUpdate.getDefaultInstance()).build())
                    .getSeq());
        }
    }

    @Test
    void anEntryC2RefusesForGoodIsDroppedAndCounted() {
        try (Outbox outbox = new Outbox(dir.resolve("outbox.log"), 100)) {
            outbox.append(EdgeToC2.newBuilder().setStatus(StatusUpdate.newBuilder().setMissionId("bad:id")).build());
            outbox.append(EdgeToC2.newBuilder().setStatus(StatusUpdate.newBuilder().setMissionId("m-1")).build());
            outbox.refusedByC2(1, "mission_id must be ...\nforged");
            outbox.acknowledge(1);
            assertEquals(1, outbox.refusedByC2());
            assertEquals(1, outbox.pendingCount());
            assertEquals(2, outbox.pendingAfter(0).get(0).getSeq());
        }
    }

    @Test
    void acknowledgementsOutsideTheSeqRangeAreIgnored() {
        try (Outbox outbox = new Outbox(dir.resolve("outbox.log"), 100)) {
            outbox.append(EdgeToC2.newBuilder().setStatus(StatusUpdate.getDefaultInstance()).build());
            outbox.acknowledge(Long.MAX_VALUE);
            outbox.acknowledge(-1); // 2^64 - 1 on the wire
            outbox.acknowledge(1L << 62);
            assertEquals(1, outbox.lastSeq());
            assertEquals(0, outbox.acknowledgedSeq());
            assertEquals(2, outbox.append(EdgeToC2.newBuilder().setStatus(StatusUpdate.getDefaultInstance()).build())
                    .getSeq());
        }
    }
}
