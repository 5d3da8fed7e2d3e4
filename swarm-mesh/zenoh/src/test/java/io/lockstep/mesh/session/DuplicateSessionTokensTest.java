package io.lockstep.mesh.session;

import static io.lockstep.mesh.testing.SampleEvents.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.Sample;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.message.ZenohId;
import io.lockstep.mesh.message.network.Declaration;
import io.lockstep.mesh.message.network.Declare;
import io.lockstep.mesh.message.network.Push;
import io.lockstep.mesh.message.network.WireExpr;
import io.lockstep.mesh.message.payload.Put;
import io.lockstep.mesh.testing.Await;
import io.lockstep.mesh.testing.RawPeer;
import io.lockstep.mesh.testing.TestSessions;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two transports to one peer: a peer whose new session is open before its old one has finished closing (a
 * reconnection racing the close), and two peers that dial each other at once. A token the peer still holds on a
 * live transport must never be withdrawn (the fleet's membership is the set of live {@code lockstep/nodes/<node>}
 * tokens: a withdrawn one makes the node refuse that peer's messages until the peer declares it again, which it
 * never does).
 */
class DuplicateSessionTokensTest {
    @RegisterExtension
    final TestSessions sessions = new TestSessions();

    @Test
    void closingThePeersOldSessionKeepsTheTokensItsNewSessionHolds() throws Exception {
        Session a = sessions.listener();
        String endpoint = a.listenEndpoints().get(0);
        List<Sample> seen = new CopyOnWriteArrayList<>();
        CountDownLatch oldSessionMayFinishClosing = new CountDownLatch(1);
        AtomicReference<Thread> closingThread = new AtomicReference<>();
        // Holds the old session's close half-way (after its first token's withdrawal, before its second's), so that
        // the peer's new session declares the second token while the old session still holds it: what a peer that
        // reconnects while we are closing its old session does.
        a.liveliness().declareSubscriber("node/**", false, s -> {
            seen.add(s);
            if (s.kind().name().equals("DELETE") && s.keyExpr().equals("node/first")) {
                closingThread.set(Thread.currentThread());
                awaitQuietly(oldSessionMayFinishClosing);
            }
        });
        List<Sample> probes = new CopyOnWriteArrayList<>();
        a.declareSubscriber("probe/**", probes::add);

        ZenohId peer = ZenohId.random();
        RawPeer old = RawPeer.connect(endpoint, 10_000, peer);
        old.send(Declare.of(new Declaration.Token(1, WireExpr.of("node/first"))),
                Declare.of(new Declaration.Token(2, WireExpr.of("node/peer"))));
        Await.until(() -> seen.size() == 2, "both tokens seen");
        old.close();
        Await.until(() -> closingThread.get() != null, "the old session's close withdrew its first token");

        RawPeer reconnected = RawPeer.connect(endpoint, 10_000, peer);
        reconnected.send(Declare.of(new Declaration.Token(2, WireExpr.of("node/peer"))),
                new Push(WireExpr.of("probe/after-token"), null, null, null,
                        new Put(null, null, null, null, "x".getBytes(StandardCharsets.UTF_8))));
        Await.until(() -> !probes.isEmpty(), "the new session's token processed (the probe after it arrived)");
        oldSessionMayFinishClosing.countDown();
        closingThread.get().join(TimeUnit.SECONDS.toMillis(10));
        assertTrue(!closingThread.get().isAlive(), "the old session finished closing");

        assertEquals(List.of("PUT node/first", "PUT node/peer", "DELETE node/first"), events(seen));
        assertEquals(List.of("node/peer"), a.liveliness().getAll("node/**", Duration.ofSeconds(5)).stream()
                .map(Sample::keyExpr).toList());
        reconnected.close();
    }

    @Test
    void twoPeersThatDialEachOtherAtOnceEndWithOneSessionAndEachOthersToken() throws Exception {
        int portA = freePort();
        int portB = freePort();
        Config configA = Config.peer().listen("tcp/127.0.0.1:" + portA).connect("tcp/127.0.0.1:" + portB)
                .reconnectBackoff(20, 200);
        Config configB = Config.peer().listen("tcp/127.0.0.1:" + portB).connect("tcp/127.0.0.1:" + portA)
                .reconnectBackoff(20, 200);
        CompletableFuture<Session> openingB = CompletableFuture.supplyAsync(() -> open(configB));
        Session a = open(configA);
        Session b = openingB.get(30, TimeUnit.SECONDS);
        List<Sample> seenByA = new CopyOnWriteArrayList<>();
        List<Sample> seenByB = new CopyOnWriteArrayList<>();
        a.liveliness().declareSubscriber("node/**", true, seenByA::add);
        b.liveliness().declareSubscriber("node/**", true, seenByB::add);
        a.liveliness().declareToken("node/a");
        b.liveliness().declareToken("node/b");

        Await.until(() -> alive(seenByA, "node/b") && alive(seenByB, "node/a")
                && a.peers().size() == 1 && b.peers().size() == 1, "one session each way, each token alive");
        // Events alternate PUT, DELETE, PUT... per token: never a second PUT without a DELETE between (a token
        // counted once per transport), never a DELETE of a token another transport still held.
        assertAlternates(seenByA, "node/a");
        assertAlternates(seenByA, "node/b");
        assertAlternates(seenByB, "node/a");
        assertAlternates(seenByB, "node/b");
        assertEquals(List.of("node/a", "node/b"), a.liveliness().getAll("node/**", Duration.ofSeconds(5)).stream()
                .map(Sample::keyExpr).sorted().toList());
    }

    private Session open(Config config) {
        try {
            return sessions.open(config);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean alive(List<Sample> events, String token) {
        String last = null;
        for (Sample s : events) {
            if (s.keyExpr().equals(token)) {
                last = s.kind().name();
            }
        }
        return "PUT".equals(last);
    }

    private static void assertAlternates(List<Sample> events, String token) {
        String expected = "PUT";
        for (Sample s : events) {
            if (s.keyExpr().equals(token)) {
                assertEquals(expected, s.kind().name(), token + " in " + events(events));
                expected = expected.equals("PUT") ? "DELETE" : "PUT";
            }
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
