package io.lockstep.mesh.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.testing.Await;
import io.lockstep.mesh.testing.TestSessions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The transport thread hook (an application raises their OS priority there) runs on each transport's own threads. */
class TransportThreadStartTest {
    @RegisterExtension
    final TestSessions sessions = new TestSessions();

    @Test
    void theHookRunsFirstOnEachTransportsReaderAndWriterAndNowhereElse() throws Exception {
        Set<String> hooked = ConcurrentHashMap.newKeySet();
        Runnable hook = () -> hooked.add(Thread.currentThread().getName());
        Session a = sessions.open(Config.peer().listen("tcp/127.0.0.1:0").transportThreadStart(hook));
        Session b = sessions.open(Config.peer().connect(a.listenEndpoints().get(0)).transportThreadStart(hook));
        Await.until(() -> !a.peers().isEmpty() && !b.peers().isEmpty(), "session established");
        // Two sessions, one transport each: a reader and a writer on either side.
        Await.until(() -> hooked.size() == 4, "the hook ran on four threads, saw " + hooked);
        assertEquals(2, hooked.stream().filter(n -> n.endsWith("-rx")).count(), hooked::toString);
        assertEquals(2, hooked.stream().filter(n -> n.endsWith("-tx")).count(), hooked::toString);
        assertTrue(hooked.stream().allMatch(n -> n.startsWith("zenoh-")), hooked::toString);

        // And those threads carry the traffic: a put from b reaches a's subscriber on a hooked reader thread.
        List<String> deliveredOn = new CopyOnWriteArrayList<>();
        a.declareSubscriber("hook/key", sample -> deliveredOn.add(Thread.currentThread().getName()));
        Await.until(() -> {
            b.put("hook/key", "x");
            return !deliveredOn.isEmpty();
        }, "delivered");
        assertTrue(hooked.contains(deliveredOn.get(0)), deliveredOn + " not in " + hooked);
    }

    @Test
    void theReaderHookRunsOnTheReaderAfterEachMessageItHandled() throws Exception {
        Set<String> readers = ConcurrentHashMap.newKeySet();
        AtomicLong calls = new AtomicLong();
        List<String> order = new CopyOnWriteArrayList<>();
        Runnable handled = () -> {
            readers.add(Thread.currentThread().getName());
            calls.incrementAndGet();
            order.add("handled");
        };
        Session a = sessions.open(Config.peer().listen("tcp/127.0.0.1:0").transportReaderHandled(handled));
        Session b = sessions.open(Config.peer().connect(a.listenEndpoints().get(0)));
        Await.until(() -> !a.peers().isEmpty() && !b.peers().isEmpty(), "session established");
        a.declareSubscriber("hook/reader", sample -> order.add("delivered"));
        Await.until(() -> {
            b.put("hook/reader", "x");
            return order.contains("delivered");
        }, "delivered");
        Await.until(() -> order.lastIndexOf("handled") > order.indexOf("delivered"), "the hook ran after the delivery");
        assertEquals(1, readers.size(), readers::toString);
        assertTrue(readers.iterator().next().endsWith("-rx"), readers::toString);
        long before = calls.get();
        for (int i = 0; i < 5; i++) {
            b.put("hook/reader", "y" + i);
        }
        Await.until(() -> order.stream().filter("delivered"::equals).count() >= 6, "five more delivered");
        Await.until(() -> calls.get() > before, "the hook ran again");
    }
}
