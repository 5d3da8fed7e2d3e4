package io.lockstep.mesh.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.mesh.api.Publisher;
import io.lockstep.mesh.api.Session;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** What the pico interop tests wait for: a free port, pico's session, pico's subscriber. */
final class PicoWaits {
    static final long WAIT_SECONDS = 20;

    private PicoWaits() {
    }

    /** {@code scheme}/127.0.0.1:port on a port that was free a moment ago. */
    static String freeEndpoint(String scheme) throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return scheme + "/127.0.0.1:" + s.getLocalPort();
        }
    }

    static void awaitPeer(Session s) throws InterruptedException {
        await(() -> !s.peers().isEmpty(), "pico never opened a session with us");
    }

    static void awaitSubscriber(Publisher pub) throws InterruptedException {
        await(pub::hasMatchingSubscribers, "pico's subscriber never declared");
    }

    private static void await(BooleanSupplier condition, String failure) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, failure);
            Thread.sleep(20);
        }
    }
}
