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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A subscriber that stops consuming must not stall delivery to other peers of a DROP publisher. */
class SlowSubscriberTest {
    private static final int FLOOD_SIZE = 8 * 1024;
    @RegisterExtension
    final TestSessions sessions = new TestSessions();

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
        AtomicInteger probes = new AtomicInteger();
        fast.declareSubscriber("flood", s -> (s.payload().length == FLOOD_SIZE ? fastCount : probes).incrementAndGet());
        Publisher pub = publisher.declarePublisher("flood", PutOptions.DEFAULT.withCongestionControl(CongestionControl.DROP));
        Await.until(() -> {
            pub.put("probe");
            return probes.get() > 0 && stuckEntered.getCount() == 0;
        }, "both subscribers reached (the stuck one is now blocked)");
        byte[] payload = new byte[FLOOD_SIZE];
        int n = 4_000; // 32 MB: far beyond the stuck peer's socket buffers and its 256-message queue
        int accepted = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int i = 0; i < n; i++) {
            if (pub.put(payload)) {
                accepted++;
            }
            // Lock-step with the fast peer: if the stuck peer stalled the publisher, this would never progress.
            while (fastCount.get() < i + 1) {
                assertTrue(System.nanoTime() < deadline, "fast peer starved at sample " + i);
                Thread.onSpinWait();
            }
        }
        assertTrue(accepted < n, "the stuck peer's queue filled and samples were dropped for it: " + accepted);
        assertEquals(n, fastCount.get(), "the fast peer got every sample");
        assertEquals(1, release.getCount(), "the stuck subscriber was still blocked all along");
        release.countDown();
        assertEquals(2, publisher.peers().size());
    }
}
