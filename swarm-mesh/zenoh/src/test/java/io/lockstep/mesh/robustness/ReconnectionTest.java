package io.lockstep.mesh.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.PutOptions;
import io.lockstep.mesh.api.Sample;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.testing.Await;
import io.lockstep.mesh.testing.TestSessions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A connector whose peer dies reconnects with backoff, re-declares, and nothing is delivered twice. */
class ReconnectionTest {
    @RegisterExtension
    final TestSessions sessions = new TestSessions();

    @Test
    void restartedPeerGetsSubscriptionsBackWithoutDuplicates() throws Exception {
        Session first = sessions.listener();
        String endpoint = first.listenEndpoints().get(0);
        Session client = sessions.open(Config.peer().connect(endpoint).reconnectBackoff(50, 400));
        List<Sample> got = new CopyOnWriteArrayList<>();
        client.declareSubscriber("r/**", got::add);
        Await.until(() -> first.declarePublisher("r/1", PutOptions.DEFAULT).hasMatchingSubscribers(), "subscriber");
        first.put("r/1", "before");
        Await.until(() -> got.size() == 1, "first sample");

        // The peer dies abruptly: no CLOSE, the socket just goes away.
        first.core().transports().forEach(t -> t.abort("killed by test"));
        first.close();
        Await.until(() -> client.peers().isEmpty(), "loss noticed");

        Session second = sessions.open(Config.peer().listen(endpoint));
        Await.until(() -> second.declarePublisher("r/1", PutOptions.DEFAULT).hasMatchingSubscribers(),
                "subscription re-declared to the restarted peer");
        second.put("r/1", "after");
        second.put("r/1", "end");
        Await.until(() -> got.size() >= 3, "samples after reconnection");
        Thread.sleep(100);
        assertEquals(List.of("before", "after", "end"), got.stream().map(Sample::payloadAsString).toList());
        assertEquals(1, second.peers().size());
    }
}
