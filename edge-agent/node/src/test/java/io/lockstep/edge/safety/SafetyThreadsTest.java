package io.lockstep.edge.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.os.ThreadNice;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SafetyThreadsTest {

    @Test
    void anActionRunsOnASafetyThreadWithTheCallersTraceContextAndItsResultComesBack() {
        ContextKey<String> key = ContextKey.named("test");
        try (SafetyThreads threads = new SafetyThreads("node-1", new ThreadNice(0));
                Scope ignored = Context.current().with(key, "the caller's").makeCurrent()) {
            String seen = threads.call(() -> Thread.currentThread().getName() + " / " + Context.current().get(key));
            assertTrue(seen.startsWith("safety-node-1-"), seen);
            assertTrue(seen.endsWith(" / the caller's"), seen);
        }
    }

    @Test
    void anActionsExceptionReachesTheCallerAsThrown() {
        try (SafetyThreads threads = new SafetyThreads("node-1", new ThreadNice(0))) {
            IllegalArgumentException thrown = new IllegalArgumentException("bad hazard");
            assertSame(thrown, assertThrows(IllegalArgumentException.class, () -> threads.run(() -> {
                throw thrown;
            })));
            // The thread survives it.
            assertEquals(2, threads.call(() -> 1 + 1));
        }
    }

    @Test
    void anActionStuckOnAPeerDoesNotHoldUpTheNextStop() throws Exception {
        try (SafetyThreads threads = new SafetyThreads("node-1", new ThreadNice(0))) {
            CountDownLatch stuck = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> threads.call(() -> {
                stuck.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Thread.currentThread().getName();
            }));
            assertTrue(stuck.await(10, TimeUnit.SECONDS));
            String second = threads.call(() -> Thread.currentThread().getName());
            release.countDown();
            assertNotEquals(first.get(10, TimeUnit.SECONDS), second);
        }
    }
}
