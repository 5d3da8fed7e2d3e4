package io.lockstep.mesh.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.PutOptions;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.testing.Await;
import io.lockstep.mesh.testing.TestSessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Publications made while a connect endpoint is re-establishing its session are counted, not lost silently. */
class ReconnectDropCountTest {
    @RegisterExtension
    final TestSessions sessions = new TestSessions();

    @Test
    void putsWhileReconnectingAreCountedAndStopCountingOnceReconnected() throws Exception {
        Session first = sessions.listener();
        String endpoint = first.listenEndpoints().get(0);
        first.declareSubscriber("d/**", s -> { });
        Session client = sessions.open(Config.peer().connect(endpoint).reconnectBackoff(50, 200));
        Await.until(() -> client.declarePublisher("d/1", PutOptions.DEFAULT).hasMatchingSubscribers(), "subscriber");
        client.put("d/1", "connected");
        assertEquals(0, client.droppedWhileReconnecting());

        first.core().transports().forEach(t -> t.abort("killed by test"));
        first.close();
        Await.until(() -> client.peers().isEmpty(), "loss noticed");
        for (int i = 0; i < 5; i++) {
            client.put("d/1", "lost " + i);
        }
        assertEquals(5, client.droppedWhileReconnecting());

        Session second = sessions.open(Config.peer().listen(endpoint));
        second.declareSubscriber("d/**", s -> { });
        Await.until(() -> client.declarePublisher("d/1", PutOptions.DEFAULT).hasMatchingSubscribers(), "reconnected");
        client.put("d/1", "back");
        assertEquals(5, client.droppedWhileReconnecting());
    }

    @Test
    void aSessionThatNeverConnectedCountsNothing() throws Exception {
        Session lonely = sessions.open(Config.peer().listen("tcp/127.0.0.1:0"));

        lonely.put("d/1", "nobody listens");

        assertTrue(lonely.droppedWhileReconnecting() == 0);
    }
}
