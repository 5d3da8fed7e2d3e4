package io.lockstep.edge.command;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.link.CommandLedger;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.CommandAck;
import io.lockstep.proto.v1.EmergencyStop;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandDispatcherTest {

    @TempDir
    Path dir;

    private static C2ToEdge estop(long seq) {
        return C2ToEdge.newBuilder().setCommandSeq(seq)
                .setEmergencyStop(EmergencyStop.newBuilder().setEngaged(true)).build();
    }

    @Test
    void aCommandDeliveredTwiceIsAppliedOnceAndAckedTwice() {
        AtomicInteger applied = new AtomicInteger();
        List<CommandAck> acks = new CopyOnWriteArrayList<>();
        try (CommandLedger ledger = new CommandLedger(dir.resolve("ledger"));
                CommandDispatcher d = new CommandDispatcher(ledger, c -> applied.incrementAndGet(), acks::add)) {
            d.dispatch(estop(7));
            d.dispatch(estop(7));
            d.dispatch(estop(3));
            await("three acks", () -> acks.size() == 3);
            assertEquals(1, applied.get());
            assertEquals(List.of(7L, 7L, 3L), acks.stream().map(CommandAck::getCommandSeq).toList());
            assertTrue(acks.stream().allMatch(CommandAck::getApplied));
            assertEquals(2, d.duplicateCount());
        }
    }

    @Test
    void theLedgerSurvivesARestartSoARedeliveryAfterACrashIsNotReapplied() {
        AtomicInteger applied = new AtomicInteger();
        List<CommandAck> acks = new CopyOnWriteArrayList<>();
        try (CommandLedger ledger = new CommandLedger(dir.resolve("ledger"));
                CommandDispatcher d = new CommandDispatcher(ledger, c -> applied.incrementAndGet(), acks::add)) {
            d.dispatch(estop(1));
            await("ack", () -> acks.size() == 1);
        }
        try (CommandLedger ledger = new CommandLedger(dir.resolve("ledger"));
                CommandDispatcher d = new CommandDispatcher(ledger, c -> applied.incrementAndGet(), acks::add)) {
            d.dispatch(estop(1));
            d.dispatch(estop(2));
            await("acks", () -> acks.size() == 3);
        }
        assertEquals(2, applied.get());
    }

    @Test
    void aRefusedCommandIsAckedAsNotAppliedAndTheRefusalIsRepeatedForADuplicate() {
        List<CommandAck> acks = new CopyOnWriteArrayList<>();
        try (CommandLedger ledger = new CommandLedger(dir.resolve("ledger"));
                CommandDispatcher d = new CommandDispatcher(ledger, c -> {
                    throw new CommandRefusedException("no such mission");
                }, acks::add)) {
            d.dispatch(estop(4));
            d.dispatch(estop(4));
            d.dispatch(C2ToEdge.newBuilder().setCommandSeq(0).build());
            await("acks", () -> acks.size() == 2);
            assertFalse(acks.get(0).getApplied());
            assertEquals("no such mission", acks.get(1).getError());
        }
    }

    @Test
    void aHandlerCrashIsReportedNotFatal() {
        List<CommandAck> acks = new CopyOnWriteArrayList<>();
        try (CommandLedger ledger = new CommandLedger(dir.resolve("ledger"));
                CommandDispatcher d = new CommandDispatcher(ledger, c -> {
                    throw new IllegalStateException("boom");
                }, acks::add)) {
            d.dispatch(estop(5));
            d.dispatch(estop(6));
            await("acks", () -> acks.size() == 2);
            assertTrue(acks.get(0).getError().contains("boom"));
        }
    }
}
