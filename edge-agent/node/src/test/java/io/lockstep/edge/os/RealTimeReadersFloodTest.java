package io.lockstep.edge.os;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.mesh.MeshClock;
import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.PutOptions;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.Zenoh;
import io.lockstep.mesh.transport.CongestionControl;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A real session's reader, set up as the node sets it: real-time while its peer is quiet, back in the normal class
 * when the peer floods it (each message here costs its reader 1 ms of CPU), real-time again once the peer is quiet.
 * Where this process may not use the real-time class, the budget is still kept (the class changes are then refused).
 */
@EnabledOnOs(OS.LINUX)
class RealTimeReadersFloodTest {
    private Session reading;
    private Session flooding;

    @AfterEach
    void close() {
        if (flooding != null) {
            flooding.close();
        }
        if (reading != null) {
            reading.close();
        }
    }

    @Test
    void aFloodingPeerLosesItsReadersRealTimeClassUntilItIsQuiet() throws Exception {
        ThreadNice priority = new ThreadNice(-10, 10);
        RealTimeReaders readers = RealTimeReaders.of(priority, MeshClock.SYSTEM::threadCpuNanos);
        reading = Zenoh.open(Config.peer().listen("tcp/127.0.0.1:0").multicastScouting(false)
                .transportThreadStart(priority::raiseCurrentThreadLater).transportReaderHandled(readers::handled));
        flooding = Zenoh.open(Config.peer().connect(reading.listenEndpoints().get(0)).multicastScouting(false));
        AtomicReference<String> reader = new AtomicReference<>();
        reading.declareSubscriber("flood/**", sample -> {
            reader.compareAndSet(null, ThreadNice.currentThreadId().orElse("?"));
            if (sample.keyExpr().startsWith("flood/heavy")) {
                burnCpuMillis(1);
            }
        });
        PutOptions reliable = PutOptions.DEFAULT.withReliable(true).withCongestionControl(CongestionControl.BLOCK);
        await("the reader has a message", () -> {
            flooding.put("flood/light", new byte[] {1}, reliable);
            return reader.get() != null;
        });
        String tid = reader.get();
        await("the class change handled", () -> priority.handledLater() >= 2); // its nice value, then real time
        boolean realTime = priority.realTimeUnavailableBecause().isEmpty() && priority.unavailableBecause().isEmpty();
        if (realTime) {
            await("quiet: real-time", () -> policyOf(tid) == 2);
        }

        for (int i = 0; i < 300; i++) {
            flooding.put("flood/heavy", new byte[] {2}, reliable);
        }
        await("flooded: over the budget", () -> readers.demotions() >= 1);
        if (realTime) {
            await("flooded: the normal class", () -> policyOf(tid) == 0);
            // Quiet again: light messages far apart, until a quiet window has passed.
            await("quiet again: real-time", () -> {
                flooding.put("flood/light", new byte[] {3}, reliable);
                java.util.concurrent.locks.LockSupport.parkNanos(150_000_000L); // more than a window apart
                return policyOf(tid) == 2;
            });
        }
        assertTrue(readers.demotions() >= 1);
    }

    /** The thread's scheduling policy (0 normal, 2 round robin); -1 once it has ended. */
    private static int policyOf(String tid) {
        try {
            return ThreadNiceTest.policyOf(tid)[0];
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static void burnCpuMillis(long millis) {
        long until = MeshClock.SYSTEM.threadCpuNanos() + millis * 1_000_000L;
        while (MeshClock.SYSTEM.threadCpuNanos() < until) {
            Thread.onSpinWait();
        }
    }
}
