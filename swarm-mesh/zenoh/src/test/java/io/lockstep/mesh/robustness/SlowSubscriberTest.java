package io.lockstep.mesh.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.Publisher;
import io.lockstep.mesh.api.PutOptions;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.testing.Await;
import io.lockstep.mesh.testing.TestSessions;
import io.lockstep.mesh.transport.CongestionControl;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A subscriber that stops consuming must not stall delivery to other peers of a DROP publisher. */
class SlowSubscriberTest {
    private final TestSessions sessions = new TestSessions();

    @AfterEach
    void close() {
        sessions.close();
    }

    @Test
    void dropPublisherKeepsServingFastPeersWhileOneIsStuck() throws Exception {
        Session publisher = sessions.open(Config.peer().listen("tcp/127.0.0.1:0").queueCapacity(256));
        Session stuck = sessions.connectedTo(publisher);
        Session fast = sessions.connectedTo(publisher);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch stuckEntered = new CountDownLatch(1);
        AtomicInteger fastCount = new AtomicInteger();
        stuck.declareSubscriber("flood", s -> {
            stuckEntered.countDown();
            try {
                release.await(60, TimeUnit.SECONDS); // blocks its session's reader: TCP backs up to the publisher
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        fast.declareSubscriber("flood", s -> fastCount.incrementAndGet());
        Publisher pub = publisher.declarePublisher("flood", PutOptions.DEFAULT.withCongestionControl(CongestionControl.DROP));
        Await.until(() -> {
            pub.put("probe");
            return fastCount.get() > 0 && stuckEntered.getCount() == 0;
        }, "both subscribers reached (the stuck one is now blocked)");
        fastCount.set(0);
        byte[] payload = new byte[8 * 1024];
        int n = 5_000; // 40 MB: far beyond the stuck peer's socket buffers and its 256-message queue
        int accepted = 0;
        for (int i = 0; i < n; i++) {
            if (pub.put(payload)) {
                accepted++;
            }
        }
        assertTrue(accepted < n, "the stuck peer's queue filled and some samples were dropped for it");
        Await.until(() -> fastCount.get() >= n * 9 / 10, "the fast peer kept receiving while the other was stuck");
        assertEquals(1, release.getCount(), "the stuck subscriber was still blocked all along");
        release.countDown();
        assertEquals(2, publisher.peers().size());
    }
}
