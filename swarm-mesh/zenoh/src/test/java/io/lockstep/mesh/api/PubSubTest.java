package io.lockstep.mesh.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lockstep.mesh.testing.Await;
import io.lockstep.mesh.testing.TestSessions;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PubSubTest {
    @RegisterExtension
    final TestSessions sessions = new TestSessions();

    @Test
    void putReachesRemoteAndLocalSubscribersBothWays() throws Exception {
        Session a = sessions.listener();
        Session b = sessions.connectedTo(a);
        List<Sample> atA = new CopyOnWriteArrayList<>();
        List<Sample> atB = new CopyOnWriteArrayList<>();
        b.declareSubscriber("demo/*/b", atB::add);
        Publisher pa = a.declarePublisher("demo/x/b", PutOptions.DEFAULT);
        Await.until(pa::hasMatchingSubscribers, "b's subscriber known to a");
        // Declared after the wait above, which a local match would otherwise satisfy at once.
        a.declareSubscriber("demo/**", atA::add);
        Await.until(() -> b.declarePublisher("demo/y", PutOptions.DEFAULT).hasMatchingSubscribers(), "a's subscriber known to b");
        pa.put("from a");
        b.put("demo/y", "from b");
        b.put("other/key", "nobody");
        Await.until(() -> atB.size() == 1 && atA.size() == 2, "both delivered");
        assertEquals("from a", atB.get(0).payloadAsString());
        assertEquals("demo/x/b", atB.get(0).keyExpr());
        assertEquals(List.of("from a", "from b"), atA.stream().map(Sample::payloadAsString).sorted().toList());
    }

    @Test
    void aPutIsWrittenToThePeersBeforeLocalSubscribersRun() throws Exception {
        Session a = sessions.listener();
        Session b = sessions.connectedTo(a);
        CountDownLatch atB = new CountDownLatch(1);
        b.declareSubscriber("fast/key", sample -> atB.countDown());
        Publisher pa = a.declarePublisher("fast/key", PutOptions.DEFAULT.withExpress(true)
                .withCongestionControl(io.lockstep.mesh.transport.CongestionControl.BLOCK));
        Await.until(pa::hasMatchingSubscribers, "b's subscriber known to a");
        // A local subscriber that takes its time (a node handling its own echo) must not hold the peers' copy back.
        List<Boolean> peerHadItFirst = new CopyOnWriteArrayList<>();
        a.declareSubscriber("fast/key", sample -> {
            try {
                peerHadItFirst.add(atB.await(5, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        pa.put("now");
        assertEquals(List.of(true), peerHadItFirst);
    }

    @Test
    void expressPutsWrittenByTheirSenderKeepTheOrderOfWhatWasQueuedBefore() throws Exception {
        Session a = sessions.listener();
        Session b = sessions.connectedTo(a);
        List<Integer> atB = new CopyOnWriteArrayList<>();
        b.declareSubscriber("order/key", sample -> atB.add(Integer.parseInt(sample.payloadAsString())));
        PutOptions queued = PutOptions.DEFAULT.withReliable(true)
                .withCongestionControl(io.lockstep.mesh.transport.CongestionControl.BLOCK);
        PutOptions express = queued.withExpress(true);
        Await.until(() -> a.declarePublisher("order/key", queued).hasMatchingSubscribers(), "b's subscriber known to a");
        // Bursts of queued puts, each followed by an express one that finds them still queued (or being written) and
        // writes them itself first, or finds the link busy and is queued behind them: either way, in order.
        int n = 3_000;
        for (int i = 0; i < n; i++) {
            a.put("order/key", Integer.toString(i).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    i % 10 == 9 ? express : queued);
        }
        Await.until(() -> atB.size() == n, "all delivered, " + atB.size() + " so far");
        for (int i = 0; i < n; i++) {
            assertEquals(i, atB.get(i), "in the order they were put");
        }
    }

    @Test
    void theAllowedDestinationKeepsAPutRemoteOrLocal() throws Exception {
        Session a = sessions.listener();
        Session b = sessions.connectedTo(a);
        List<String> atA = new CopyOnWriteArrayList<>();
        List<String> atB = new CopyOnWriteArrayList<>();
        b.declareSubscriber("only/**", sample -> atB.add(sample.payloadAsString()));
        Await.until(() -> a.declarePublisher("only/k", PutOptions.DEFAULT).hasMatchingSubscribers(),
                "b's subscriber known to a");
        a.declareSubscriber("only/**", sample -> atA.add(sample.payloadAsString()));
        PutOptions blocking = PutOptions.DEFAULT.withCongestionControl(io.lockstep.mesh.transport.CongestionControl.BLOCK);
        a.put("only/k", "remote".getBytes(), blocking.withAllowedDestination(Locality.REMOTE));
        a.put("only/k", "local".getBytes(), blocking.withAllowedDestination(Locality.SESSION_LOCAL));
        a.put("only/k", "both".getBytes(), blocking);
        // One link, in order: once b has "both", it has had everything a sent it.
        Await.until(() -> atB.contains("both"), "b got the last put");
        assertEquals(List.of("remote", "both"), atB);
        // Local delivery happens inside put.
        assertEquals(List.of("local", "both"), atA);
    }

    @Test
    void deleteEncodingAndAttachmentTravel() throws Exception {
        Session a = sessions.listener();
        Session b = sessions.connectedTo(a);
        List<Sample> got = new CopyOnWriteArrayList<>();
        b.declareSubscriber("k/**", got::add);
        Await.until(() -> a.declarePublisher("k/1", PutOptions.DEFAULT).hasMatchingSubscribers(), "subscriber known");
        a.put("k/1", new byte[] {1, 2, 3}, PutOptions.DEFAULT.withEncoding(EncodingNames.parse("application/json"))
                .withAttachment("meta".getBytes()).withCongestionControl(io.lockstep.mesh.transport.CongestionControl.BLOCK)
                .withPriority(Priority.REAL_TIME));
        a.delete("k/1");
        Await.until(() -> got.size() == 2, "put and delete");
        Sample put = got.get(0);
        assertEquals(SampleKind.PUT, put.kind());
        assertArrayEquals(new byte[] {1, 2, 3}, put.payload());
        assertEquals("application/json", EncodingNames.format(put.encoding()));
        assertEquals("meta", put.attachmentAsString());
        assertEquals(SampleKind.DELETE, got.get(1).kind());
        assertNull(got.get(1).attachment());
    }

    @Test
    void undeclaredSubscriberStopsReceiving() throws Exception {
        Session a = sessions.listener();
        Session b = sessions.connectedTo(a);
        List<Sample> got = new CopyOnWriteArrayList<>();
        Subscriber sub = b.declareSubscriber("u/**", got::add);
        Publisher pub = a.declarePublisher("u/1", PutOptions.DEFAULT);
        Await.until(pub::hasMatchingSubscribers, "subscriber known");
        sub.close();
        Await.until(() -> !pub.hasMatchingSubscribers(), "undeclaration known");
        pub.put("late");
        List<Sample> marker = new CopyOnWriteArrayList<>();
        b.declareSubscriber("u/marker", marker::add);
        Await.until(() -> a.declarePublisher("u/marker", PutOptions.DEFAULT).hasMatchingSubscribers(), "marker subscriber");
        a.put("u/marker", "m");
        Await.until(() -> marker.size() == 1, "marker delivered after the late put");
        assertEquals(0, got.size());
    }

    @Test
    void mutinyMultiSubscriberDeclaresAndUndeclares() throws Exception {
        Session a = sessions.listener();
        Session b = sessions.connectedTo(a);
        AssertSubscriber<Sample> sub = b.subscribe("m/**").subscribe().withSubscriber(AssertSubscriber.create(10));
        Publisher pub = a.declarePublisher("m/1", PutOptions.DEFAULT);
        Await.until(pub::hasMatchingSubscribers, "multi subscriber declared");
        pub.put("one");
        pub.put("two");
        Await.until(() -> sub.getItems().size() == 2, "two items");
        assertEquals(List.of("one", "two"), sub.getItems().stream().map(Sample::payloadAsString).toList());
        sub.cancel();
        Await.until(() -> !pub.hasMatchingSubscribers(), "cancel undeclared the subscriber");
    }

    @Test
    void invalidKeyExpressionIsRefusedClearly() throws Exception {
        Session a = sessions.listener();
        assertThrows(IllegalArgumentException.class, () -> a.put("a//b", "x"));
        assertThrows(IllegalArgumentException.class, () -> a.declareSubscriber("a?", s -> { }));
    }
}
