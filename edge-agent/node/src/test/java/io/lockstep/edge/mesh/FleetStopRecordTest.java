package io.lockstep.edge.mesh;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Who relays and who latches when peers' e-stops arrive, alone or while this node's own stop goes out. */
class FleetStopRecordTest {

    private final FleetStopRecord record = new FleetStopRecord();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void theFirstPeersStopIsRelayedAndLatchedTheOthersMeanwhileOnlyLatch() {
        assertSame(FleetStopRecord.Receipt.RELAY_AND_LATCH, record.received(1, false));
        assertSame(FleetStopRecord.Receipt.LATCH_AS_PEER, record.received(2, false), "another thread is latching");
        record.latchDone();
        assertSame(FleetStopRecord.Receipt.LATCH_AS_PEER, record.received(3, true), "latched already: no relay");
        assertEquals(3, record.received());
        assertEquals(1L, record.view(true).get("receivedAtMicros"), "stamped by the stop that latched the node");
    }

    @Test
    void aPeersStopDuringThisNodesOwnStopRunsTheOwnLatchOnceAndIsNotRelayed() {
        AtomicInteger latched = new AtomicInteger();
        Runnable own = record.ownStopStarted(latched::incrementAndGet);

        FleetStopRecord.Receipt receipt = record.received(5, false);

        assertFalse(receipt.relayAndLatch(), "a relay of this node's own stop is not relayed back");
        assertSame(own, receipt.ownLatch());
        receipt.ownLatch().run(); // the receive thread: latched at once, as this node's own stop
        own.run(); // the stopping thread once its put is done
        assertEquals(1, latched.get(), "the own latch runs once");

        record.latchDone();
        FleetStopRecord.Receipt later = record.received(6, true);
        assertNull(later.ownLatch(), "after the own stop, a peer's stop latches as the peer's");
        assertSame(FleetStopRecord.Receipt.LATCH_AS_PEER, later);
    }

    @Test
    void theThreadThatComesSecondWaitsUntilTheOwnLatchHasRun() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger latched = new AtomicInteger();
        Runnable own = record.ownStopStarted(() -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            latched.incrementAndGet();
        });
        Thread receiver = new Thread(own, "receiver");
        receiver.start();
        entered.await();
        Thread stopper = new Thread(own, "stopper");
        stopper.start();

        await("the stopping thread waits for the receiver's latch", () -> stopper.getState() == Thread.State.BLOCKED);
        assertEquals(0, latched.get());
        release.countDown();
        stopper.join(10_000);
        receiver.join(10_000);

        assertFalse(stopper.isAlive());
        assertEquals(1, latched.get(), "ran once, and had run when the stopping thread went on");
    }

    @Test
    void theOwnStopPutsBeforeItLatches() {
        List<String> order = new CopyOnWriteArrayList<>();
        record.ownStop(() -> order.add("put"), () -> order.add("latch"), timer, 60_000);
        assertEquals(List.of("put", "latch"), order);
        assertTrue(record.received(1, false).relayAndLatch(), "the own stop is over: a later stop is a new one");
    }

    @Test
    void aPutHeldUpByAPeerThatStoppedReadingDoesNotHoldUpTheLatchBeyondTheGrace() throws Exception {
        CountDownLatch putMayReturn = new CountDownLatch(1);
        AtomicInteger latched = new AtomicInteger();
        Thread stopping = new Thread(() -> record.ownStop(() -> awaitQuietly(putMayReturn), latched::incrementAndGet,
                timer, 20), "stopping");
        stopping.start();

        await("latched while the put is still held up", () -> latched.get() == 1);
        assertTrue(stopping.isAlive(), "the put is still held up");
        putMayReturn.countDown();
        stopping.join(10_000);

        assertFalse(stopping.isAlive());
        assertEquals(1, latched.get(), "latched once");
    }

    @Test
    void theNodeLatchesEvenWhenItsPutThrows() {
        AtomicInteger latched = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> record.ownStop(() -> {
            throw new IllegalStateException("session closed");
        }, latched::incrementAndGet, timer, 60_000));
        assertEquals(1, latched.get());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void noOwnLatchIsHandedOutOnceTheOwnStopIsDone() {
        record.ownStopStarted(() -> { });
        assertNotNull(record.received(1, false).ownLatch());
        record.latchDone();
        assertTrue(record.received(2, false).relayAndLatch(), "a later peer's stop on an unlatched node is relayed");
    }
}
