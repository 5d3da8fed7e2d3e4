package io.lockstep.mesh.api;

import static io.lockstep.mesh.testing.SampleEvents.events;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lockstep.mesh.testing.Await;
import io.lockstep.mesh.testing.TestSessions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LivelinessTest {
    @RegisterExtension
    final TestSessions sessions = new TestSessions();

    @Test
    void tokensAppearAndDisappearForSubscribersAndGet() throws Exception {
        Session a = sessions.listener();
        Session b = sessions.connectedTo(a);
        List<Sample> seen = new CopyOnWriteArrayList<>();
        a.liveliness().declareSubscriber("group/**", false, seen::add);
        LivelinessToken token = b.liveliness().declareToken("group/b");
        Await.until(() -> seen.size() == 1, "token seen");
        assertEquals(List.of("group/b"), a.liveliness().getAll("group/**", Duration.ofSeconds(5)).stream()
                .map(Sample::keyExpr).toList());
        List<Sample> history = new CopyOnWriteArrayList<>();
        a.liveliness().declareSubscriber("group/*", true, history::add);
        assertEquals(List.of("PUT group/b"), events(history));
        token.close();
        Await.until(() -> seen.size() == 2, "token dropped");
        assertEquals(List.of("PUT group/b", "DELETE group/b"), events(seen));
        assertEquals(List.of(), a.liveliness().getAll("group/**", Duration.ofSeconds(5)));
    }

    /**
     * A peer's token that arrives while a subscriber with history is being declared is reported once: either in the
     * history or as a change, never neither (the node that declared it would never be seen as a member).
     */
    @Test
    void aTokenArrivingWhileASubscriberWithHistoryIsDeclaredIsReportedOnce() throws Exception {
        Session a = sessions.listener();
        Session b = sessions.connectedTo(a);
        Await.until(() -> !a.peers().isEmpty() && !b.peers().isEmpty(), "connected");
        for (int i = 0; i < 200; i++) {
            String key = "race/" + i;
            List<Sample> seen = new CopyOnWriteArrayList<>();
            CyclicBarrier together = new CyclicBarrier(2);
            Thread declarer = new Thread(() -> {
                awaitQuietly(together);
                b.liveliness().declareToken(key);
            });
            declarer.start();
            awaitQuietly(together);
            a.liveliness().declareSubscriber(key, true, seen::add);
            declarer.join();
            Await.until(() -> !seen.isEmpty(), "token " + key + " reported to the subscriber declared meanwhile");
            assertEquals(List.of("PUT " + key), events(seen), "reported once");
        }
    }

    private static void awaitQuietly(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (InterruptedException | BrokenBarrierException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void localTokensAreVisibleToLocalSubscribersAndGet() throws Exception {
        Session a = sessions.listener();
        List<Sample> seen = new CopyOnWriteArrayList<>();
        a.liveliness().declareSubscriber("l/**", false, seen::add);
        LivelinessToken t = a.liveliness().declareToken("l/me");
        assertEquals(List.of("l/me"), a.liveliness().getAll("l/**", Duration.ofSeconds(1)).stream().map(Sample::keyExpr).toList());
        t.close();
        assertEquals(List.of("PUT l/me", "DELETE l/me"), events(seen));
    }

    @Test
    void tokensOfAClosedSessionDisappearForEveryone() throws Exception {
        Session a = sessions.listener();
        Session b = sessions.connectedTo(a);
        Session c = sessions.connectedTo(a);
        List<Sample> seenByA = new CopyOnWriteArrayList<>();
        a.liveliness().declareSubscriber("node/**", false, seenByA::add);
        b.liveliness().declareToken("node/b");
        Await.until(() -> seenByA.size() == 1, "token seen");
        b.close();
        Await.until(() -> seenByA.size() == 2, "token dropped when its session closed");
        assertEquals(List.of("PUT node/b", "DELETE node/b"), events(seenByA));
        assertEquals(1, c.peers().size());
    }
}
