package io.lockstep.mesh.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.PutOptions;
import io.lockstep.mesh.api.Sample;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.SampleKind;
import io.lockstep.mesh.message.network.Declaration;
import io.lockstep.mesh.message.network.Declare;
import io.lockstep.mesh.message.network.WireExpr;
import io.lockstep.mesh.message.transport.Close;
import io.lockstep.mesh.testing.Await;
import io.lockstep.mesh.testing.RawPeer;
import io.lockstep.mesh.testing.TestSessions;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Batching, fragmentation, lease and keep-alive, and clean close, observed end to end over loopback TCP. */
class TransportBehaviourTest {
    @RegisterExtension
    final TestSessions sessions = new TestSessions();

    @Test
    void manySmallMessagesArriveInOrderThroughBatches() throws Exception {
        Session a = sessions.listener();
        Session b = sessions.connectedTo(a);
        List<Sample> got = new CopyOnWriteArrayList<>();
        b.declareSubscriber("batch/k", got::add);
        PutOptions block = PutOptions.DEFAULT.withCongestionControl(CongestionControl.BLOCK);
        Await.until(() -> a.declarePublisher("batch/k", block).hasMatchingSubscribers(), "subscriber");
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            a.put("batch/k", Integer.toString(i).getBytes(), block);
        }
        Await.until(() -> got.size() == n, "all " + n + " samples");
        for (int i = 0; i < n; i++) {
            assertEquals(Integer.toString(i), got.get(i).payloadAsString());
        }
    }

    @Test
    void largePayloadsAreFragmentedAndReassembled() throws Exception {
        Session a = sessions.open(Config.peer().listen("tcp/127.0.0.1:0").batchSize(2048));
        Session b = sessions.connectedTo(a);
        List<Sample> got = new CopyOnWriteArrayList<>();
        b.declareSubscriber("big", got::add);
        PutOptions block = PutOptions.DEFAULT.withCongestionControl(CongestionControl.BLOCK);
        Await.until(() -> a.declarePublisher("big", block).hasMatchingSubscribers(), "subscriber");
        byte[] payload = new byte[1 << 20];
        new Random(7).nextBytes(payload);
        a.put("big", payload, block);
        a.put("big", new byte[] {1}, block);
        Await.until(() -> got.size() == 2, "both samples");
        assertArrayEquals(payload, got.get(0).payload());
        assertArrayEquals(new byte[] {1}, got.get(1).payload());
    }

    @Test
    void silentPeerIsExpiredAtItsLeaseAndItsTokensDisappear() throws Exception {
        Session a = sessions.listener();
        List<Sample> seen = new CopyOnWriteArrayList<>();
        a.liveliness().declareSubscriber("raw/**", false, seen::add);
        try (RawPeer raw = RawPeer.connect(a.listenEndpoints().get(0), 500)) {
            raw.send(Declare.of(new Declaration.Token(1, WireExpr.of("raw/node"))));
            Await.until(() -> seen.size() == 1, "token seen");
            // The raw peer now stays silent: no keep-alive, so the session must expire it.
            Close close = raw.awaitClose();
            assertNotNull(close, "session sent CLOSE before dropping the link");
            assertEquals(Close.EXPIRED, close.reason());
        }
        Await.until(() -> seen.size() == 2, "token dropped");
        assertEquals(SampleKind.DELETE, seen.get(1).kind());
        assertEquals(List.of(), a.peers());
    }

    @Test
    void keepAlivesHoldAnIdleSessionOpenBeyondTheLease() throws Exception {
        Session a = sessions.open(Config.peer().listen("tcp/127.0.0.1:0").leaseMillis(400));
        Session b = sessions.open(Config.peer().connect(a.listenEndpoints().get(0)).leaseMillis(400));
        Await.until(() -> a.peers().size() == 1 && b.peers().size() == 1, "connected");
        List<Sample> events = new CopyOnWriteArrayList<>();
        a.liveliness().declareSubscriber("ka/**", false, events::add);
        b.liveliness().declareToken("ka/b");
        Await.until(() -> events.size() == 1, "token seen");
        Thread.sleep(1_500); // several leases with no traffic but keep-alives
        // Had the session expired, the token would have been dropped (DELETE) and re-declared.
        assertEquals(List.of(SampleKind.PUT), events.stream().map(Sample::kind).toList());
        assertEquals(1, a.peers().size());
    }

    @Test
    void closingASessionTellsPeersWhy() throws Exception {
        Session a = sessions.listener();
        try (RawPeer raw = RawPeer.connect(a.listenEndpoints().get(0), 10_000)) {
            Await.until(() -> a.peers().size() == 1, "raw peer admitted");
            a.close();
            Close close = raw.awaitClose();
            assertNotNull(close);
            assertEquals(Close.GENERIC, close.reason());
        }
    }
}
