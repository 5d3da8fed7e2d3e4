package io.lockstep.mesh.smallrye;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.PutOptions;
import io.lockstep.mesh.api.Sample;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.Zenoh;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The connector as SmallRye drives it: channel config in, Flow publishers and subscribers out. */
class ZenohConnectorTest {
    private final ZenohConnector connector = new ZenohConnector();
    private Session peer;

    @AfterEach
    void close() {
        connector.close();
        if (peer != null) {
            peer.close();
        }
    }

    private static void until(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!c.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "never happened: " + what);
            Thread.sleep(10);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void incomingChannelReceivesSamplesFromAnotherSession() throws Exception {
        peer = Zenoh.open(Config.peer().listen("tcp/127.0.0.1:0"));
        Flow.Publisher<Message<?>> publisher = (Flow.Publisher<Message<?>>) connector.getPublisher(new MapConfig(Map.of(
                "channel-name", "telemetry", "key", "demo/**", "connect", peer.listenEndpoints().get(0))));
        AssertSubscriber<Message<?>> sub = Multi.createFrom().publisher(publisher).subscribe()
                .withSubscriber(AssertSubscriber.create(10));
        until(() -> peer.declarePublisher("demo/x", PutOptions.DEFAULT).hasMatchingSubscribers(), "channel subscribed");
        peer.put("demo/x", "hello");
        until(() -> sub.getItems().size() == 1, "message");
        Message<?> m = sub.getItems().get(0);
        assertEquals("hello", m.getPayload());
        ZenohMetadata meta = m.getMetadata(ZenohMetadata.class).orElseThrow();
        assertEquals("demo/x", meta.keyExpr());
        sub.cancel();
    }

    @Test
    @SuppressWarnings("unchecked")
    void outgoingChannelPutsEachMessageAndAcksIt() throws Exception {
        peer = Zenoh.open(Config.peer().listen("tcp/127.0.0.1:0"));
        List<Sample> got = new CopyOnWriteArrayList<>();
        peer.declareSubscriber("fleet/**", got::add);
        Flow.Subscriber<Message<?>> sink = (Flow.Subscriber<Message<?>>) connector.getSubscriber(new MapConfig(Map.of(
                "channel-name", "commands", "key", "fleet/commands", "connect", peer.listenEndpoints().get(0))));
        AtomicInteger acks = new AtomicInteger();
        Multi.createFrom().items(
                Message.of("go").withAck(() -> {
                    acks.incrementAndGet();
                    return java.util.concurrent.CompletableFuture.completedFuture(null);
                }),
                Message.of(new byte[] {1, 2}, Metadata.of(ZenohMetadata.outgoingKey("fleet/raw"))))
                .subscribe().withSubscriber((Flow.Subscriber<Message<?>>) sink);
        until(() -> got.size() == 2, "two puts");
        assertEquals("fleet/commands", got.get(0).keyExpr());
        assertEquals("go", got.get(0).payloadAsString());
        assertEquals("fleet/raw", got.get(1).keyExpr());
        assertEquals(2, got.get(1).payload().length);
        assertEquals(1, acks.get());
        assertEquals(1, connector.sessions().size(), "the channel opened one session");
    }

    @Test
    void missingKeyOrBadValueTypeIsAClearConfigurationError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> connector.getPublisher(new MapConfig(Map.of("channel-name", "x"))));
        assertTrue(e.getMessage().contains("'key'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> connector.getPublisher(new MapConfig(Map.of(
                "channel-name", "x", "key", "a", "value.type", "xml"))));
        assertThrows(IllegalArgumentException.class, () -> connector.getPublisher(new MapConfig(Map.of(
                "channel-name", "x", "key", "a//b"))));
    }
}
