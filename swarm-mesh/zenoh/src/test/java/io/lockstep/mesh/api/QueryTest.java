package io.lockstep.mesh.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.mesh.testing.Await;
import io.lockstep.mesh.testing.TestSessions;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QueryTest {
    @RegisterExtension
    final TestSessions sessions = new TestSessions();

    private static void awaitQueryable(Session s, String key) {
        Await.until(() -> {
            try {
                return !s.getAll(key, GetOptions.DEFAULT.withTimeout(Duration.ofSeconds(2))).isEmpty();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }, "queryable on " + key + " reachable");
    }

    @Test
    void getReachesRemoteQueryableWithPayloadParametersAndAttachment() throws Exception {
        Session a = sessions.listener();
        Session b = sessions.connectedTo(a);
        List<Query> seen = new CopyOnWriteArrayList<>();
        a.declareQueryable("svc/echo", q -> {
            seen.add(q);
            q.reply("svc/echo", (q.payloadAsString() == null ? "" : q.payloadAsString()) + "!");
        });
        awaitQueryable(b, "svc/echo");
        seen.clear();
        List<Reply> replies = b.getAll("svc/*?x=1", GetOptions.DEFAULT.withPayload("ping".getBytes())
                .withAttachment("att".getBytes()));
        assertEquals(1, replies.size());
        assertTrue(replies.get(0).isOk());
        assertEquals("ping!", replies.get(0).sample().payloadAsString());
        assertEquals(a.zid(), replies.get(0).replier());
        assertEquals("svc/*?x=1", seen.get(0).selector());
        assertEquals("att", new String(seen.get(0).attachment()));
    }

    @Test
    void consolidationNoneKeepsEveryReplyLatestKeepsOnePerKey() throws Exception {
        Session a = sessions.listener();
        Session b = sessions.connectedTo(a);
        a.declareQueryable("c/**", q -> {
            q.reply("c/1", "first");
            q.reply("c/1", "second");
            q.reply("c/2", "other");
        });
        awaitQueryable(b, "c/**");
        List<Reply> none = b.getAll("c/**", GetOptions.DEFAULT.withConsolidation(ConsolidationMode.NONE));
        assertEquals(List.of("first", "second", "other"), none.stream().map(r -> r.sample().payloadAsString()).toList());
        List<Reply> latest = b.getAll("c/**", GetOptions.DEFAULT.withConsolidation(ConsolidationMode.LATEST));
        assertEquals(List.of("second", "other"), latest.stream().map(r -> r.sample().payloadAsString()).toList());
        List<Reply> monotonic = b.getAll("c/**", GetOptions.DEFAULT.withConsolidation(ConsolidationMode.MONOTONIC));
        assertEquals(List.of("first", "other"), monotonic.stream().map(r -> r.sample().payloadAsString()).toList());
    }

    @Test
    void errorsDeletesAndLocalQueryables() throws Exception {
        Session a = sessions.listener();
        Session b = sessions.connectedTo(a);
        a.declareQueryable("e/fail", q -> q.replyError("no such thing"));
        b.declareQueryable("e/local", q -> q.replyDelete("e/local"));
        awaitQueryable(b, "e/fail");
        List<Reply> r = b.getAll("e/**", GetOptions.DEFAULT.withConsolidation(ConsolidationMode.NONE));
        assertEquals(2, r.size());
        Reply err = r.stream().filter(x -> !x.isOk()).findFirst().orElseThrow();
        assertEquals("no such thing", err.errorAsString());
        Reply del = r.stream().filter(Reply::isOk).findFirst().orElseThrow();
        assertEquals(SampleKind.DELETE, del.sample().kind());
    }

    @Test
    void throwingHandlersAreContainedAndQueriesStillComplete() throws Exception {
        Session a = sessions.listener();
        Session b = sessions.connectedTo(a);
        a.declareQueryable("t/throws", q -> {
            throw new IllegalStateException("user bug");
        });
        // Declarations travel in order: once the later one answers, the throwing one is known too.
        a.declareQueryable("u/ok", q -> q.reply("u/ok", "ok"));
        awaitQueryable(b, "u/ok");
        List<Reply> r = b.getAll("t/**", GetOptions.DEFAULT);
        assertTrue(r.isEmpty(), "a throwing handler produces no reply but the query still completes");
        AssertSubscriber<Reply> multi = b.getMulti("t/**", GetOptions.DEFAULT.withTimeout(Duration.ofMillis(300)))
                .subscribe().withSubscriber(AssertSubscriber.create(5));
        multi.awaitCompletion();
        assertFalse(b.isClosed());
        assertFalse(a.isClosed());
    }

    @Test
    void replyToANonIntersectingKeyIsRefused() throws Exception {
        Session a = sessions.listener();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        a.declareQueryable("r/q", q -> {
            try {
                q.reply("elsewhere", "x");
            } catch (IllegalArgumentException e) {
                errors.add(e);
            }
        });
        a.getAll("r/q", GetOptions.DEFAULT);
        assertEquals(1, errors.size());
        assertThrows(IllegalArgumentException.class, () -> {
            throw errors.get(0);
        });
    }
}
