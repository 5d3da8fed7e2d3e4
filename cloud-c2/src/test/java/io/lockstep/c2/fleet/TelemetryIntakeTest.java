package io.lockstep.c2.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.proto.v1.Telemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The intake under an overload, with a storage stub that blocks until released (no Redis, no timing):
 * live samples beyond the bounded queue are dropped and counted instead of queued, spooled samples are never
 * dropped but held (their link paused) and stored once there is room.
 */
class TelemetryIntakeTest {

    private static final int CAPACITY = 4;

    private final CountDownLatch storing = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<QueuedSample> stored = new ArrayList<>();
    private final CountDownLatch allStored = new CountDownLatch(1);
    /** The first sample, the queue's worth behind it, and the two spooled ones. */
    private static final int EXPECTED_STORED = 1 + CAPACITY + 2;

    private final TelemetryIntake.Store blockedStore = batch -> {
        storing.countDown();
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the store");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        synchronized (stored) {
            stored.addAll(batch);
            if (stored.size() >= EXPECTED_STORED) {
                allStored.countDown();
            }
        }
        return batch.size();
    };

    private final TelemetryIntake intake = new TelemetryIntake(blockedStore, CAPACITY, Runnable::run);

    @AfterEach
    void stop() {
        release.countDown();
        intake.stop();
    }

    @Test
    void liveSamplesBeyondTheBoundAreDroppedAndCountedSpooledOnesAreHeldAndKept() throws Exception {
        intake.start();
        assertThat(intake.offer("n1", live(0), 1, () -> { })).isEqualTo(TelemetryIntake.Offer.QUEUED);
        assertThat(storing.await(30, TimeUnit.SECONDS)).as("the writer took the first sample and is blocked").isTrue();

        for (int tick = 1; tick <= CAPACITY; tick++) {
            assertThat(intake.offer("n1", live(tick), 1, () -> { })).isEqualTo(TelemetryIntake.Offer.QUEUED);
        }
        // Storage is stuck: 1,000 more live samples never wait and never grow the queue.
        for (int tick = CAPACITY + 1; tick <= CAPACITY + 1_000; tick++) {
            assertThat(intake.offer("n1", live(tick), 1, () -> { })).isEqualTo(TelemetryIntake.Offer.DROPPED);
        }
        assertThat(intake.depth()).isEqualTo(CAPACITY);
        assertThat(intake.dropped()).isEqualTo(1_000);

        // Spooled samples (a node emptying its offline spool) are held, not dropped, and their links wait.
        CountDownLatch resumedA = new CountDownLatch(1);
        CountDownLatch resumedB = new CountDownLatch(1);
        assertThat(intake.offer("n2", spooled(7), 2, resumedA::countDown)).isEqualTo(TelemetryIntake.Offer.HELD);
        assertThat(intake.offer("n3", spooled(8), 3, resumedB::countDown)).isEqualTo(TelemetryIntake.Offer.HELD);
        // A live sample offered after them does not overtake them.
        assertThat(intake.offer("n1", live(9_999), 1, () -> { })).isEqualTo(TelemetryIntake.Offer.DROPPED);
        assertThat(intake.held()).isEqualTo(2);
        assertThat(resumedA.getCount()).isEqualTo(1);
        assertThat(intake.depth()).isEqualTo(CAPACITY);

        release.countDown();
        assertThat(resumedA.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(resumedB.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(allStored.await(30, TimeUnit.SECONDS)).isTrue();
        synchronized (stored) {
            assertThat(stored).extracting(q -> q.nodeId() + ":" + q.sample().getTick())
                    .containsExactly("n1:0", "n1:1", "n1:2", "n1:3", "n1:4", "n2:7", "n3:8");
        }
        assertThat(intake.dropped()).isEqualTo(1_001);
    }

    private static Telemetry live(long tick) {
        return Telemetry.newBuilder().setTick(tick).build();
    }

    private static Telemetry spooled(long tick) {
        return Telemetry.newBuilder().setTick(tick).setSpooled(true).build();
    }
}
