package io.lockstep.edge.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ThreadNiceTest {

    /** The nice value of a thread of this process, from /proc (field 19 of stat, after the command's parentheses). */
    private static int niceOf(String tid) throws IOException {
        String stat = Files.readString(Path.of("/proc/self/task", tid, "stat"));
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(after[16]);
    }

    static String ownTid() throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
    }

    /** Whether this process may lower a nice value (root or CAP_SYS_NICE): renice of a throwaway thread tells. */
    private static boolean mayRaise(ThreadNice nice) throws Exception {
        AtomicBoolean raised = new AtomicBoolean();
        Thread probe = new Thread(() -> raised.set(nice.raiseCurrentThread()));
        probe.start();
        probe.join();
        return raised.get();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aRaisedThreadRunsAtTheNiceValueOrTheReasonItCannotIsKept() throws Exception {
        ThreadNice nice = new ThreadNice(-7);
        int before = niceOf(ownTid());
        AtomicInteger seen = new AtomicInteger(Integer.MIN_VALUE);
        AtomicBoolean raised = new AtomicBoolean();
        Thread t = new Thread(() -> {
            raised.set(nice.raiseCurrentThread());
            try {
                seen.set(niceOf(ownTid()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        t.join();
        if (raised.get()) {
            assertEquals(-7, seen.get());
            assertTrue(nice.unavailableBecause().isEmpty());
        } else {
            // Not permitted here: the thread kept its nice value, and why is recorded (and logged once).
            assertEquals(before, seen.get());
            assertTrue(nice.unavailableBecause().orElseThrow().contains("renice"), nice.unavailableBecause()::get);
        }
        // Only the thread that asked: this one is unchanged.
        assertEquals(before, niceOf(ownTid()));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void threadsAreFoundByTheirName() throws Exception {
        ThreadNice nice = new ThreadNice(-3);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        String[] tid = new String[1];
        Thread named = new Thread(() -> {
            try {
                tid[0] = ownTid();
                started.countDown();
                done.await();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "nice-probe");
        named.start();
        started.await();
        int before = niceOf(tid[0]);
        try {
            boolean permitted = mayRaise(new ThreadNice(-1));
            assertEquals(permitted ? 1 : 0, nice.raiseThreadsNamed("nice-probe"));
            assertEquals(permitted ? -3 : before, niceOf(tid[0]));
            assertEquals(0, nice.raiseThreadsNamed("no-such-thread"));
        } finally {
            done.countDown();
            named.join();
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void threadsNotedLaterAreRaisedByTheBackgroundThreadWithoutWaiting() throws Exception {
        ThreadNice nice = new ThreadNice(-4);
        boolean permitted = mayRaise(new ThreadNice(-1));
        int threads = 3;
        CountDownLatch done = new CountDownLatch(1);
        String[] tids = new String[threads];
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int n = i;
            Thread t = new Thread(() -> {
                try {
                    tids[n] = ownTid();
                    nice.raiseCurrentThreadLater();
                    done.await();
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            started.add(t);
        }
        try {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (nice.handledLater() < threads && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertEquals(threads, nice.handledLater());
            for (String tid : tids) {
                if (permitted) {
                    assertEquals(-4, niceOf(tid));
                }
            }
            assertEquals(!permitted, nice.unavailableBecause().isPresent());
        } finally {
            done.countDown();
            for (Thread t : started) {
                t.join();
            }
        }
    }

    /** A thread's scheduling policy (0 normal, 2 round robin) and real-time priority, from /proc (fields 41, 40). */
    static int[] policyOf(String tid) throws IOException {
        String stat = Files.readString(Path.of("/proc/self/task", tid, "stat"));
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new int[] {Integer.parseInt(after[38]), Integer.parseInt(after[37])};
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aThreadNotedForRealTimeRunsRoundRobinOrAtTheNiceValueWithTheReasonKept() throws Exception {
        ThreadNice priority = new ThreadNice(-6, 3);
        boolean nicePermitted = mayRaise(new ThreadNice(-1));
        CountDownLatch noted = new CountDownLatch(1);
        CountDownLatch handled = new CountDownLatch(1);
        String[] tid = new String[1];
        int[][] policies = new int[2][];
        Thread t = new Thread(() -> {
            try {
                tid[0] = ownTid();
                priority.raiseCurrentThreadToRealTimeLater();
                noted.countDown();
                handled.await();
                policies[0] = policyOf(tid[0]);
                // A thread it starts once raised (a pool's first worker, say) must not inherit the real-time class.
                Thread child = new Thread(() -> {
                    try {
                        policies[1] = policyOf(ownTid());
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                child.start();
                child.join();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        noted.await();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (priority.handledLater() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        int nice = niceOf(tid[0]);
        handled.countDown();
        t.join();
        assertEquals(1, priority.handledLater());
        if (priority.realTimeUnavailableBecause().isEmpty()) {
            assertEquals(2, policies[0][0], "SCHED_RR");
            assertEquals(3, policies[0][1]);
        } else {
            assertEquals(0, policies[0][0], "the normal class where real time is not permitted");
            assertTrue(priority.realTimeUnavailableBecause().get().contains("chrt"));
            if (nicePermitted) {
                assertEquals(-6, nice, "with the nice value instead");
            }
        }
        assertEquals(0, policies[1][0], "a thread it starts is of the normal class");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aReaderGoesRealTimeAndBackToTheNormalClassKeepingItsNiceValue() throws Exception {
        ThreadNice priority = new ThreadNice(-7, 4);
        CountDownLatch done = new CountDownLatch(1);
        String[] tid = new String[1];
        CountDownLatch started = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try {
                tid[0] = ownTid();
                priority.raiseCurrentThreadLater(); // the transport hook: its nice value first
                started.countDown();
                done.await();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        reader.start();
        try {
            started.await();
            awaitHandled(priority, 1);
            boolean nicePermitted = priority.unavailableBecause().isEmpty();
            priority.toRealTimeLater(tid[0]);
            awaitHandled(priority, 2);
            if (!nicePermitted || priority.realTimeUnavailableBecause().isPresent()) {
                assertEquals(0, policyOf(tid[0])[0], "the normal class where real time is not permitted");
                return;
            }
            assertEquals(2, policyOf(tid[0])[0], "SCHED_RR");
            assertEquals(4, policyOf(tid[0])[1]);
            priority.toNormalLater(tid[0]);
            awaitHandled(priority, 3);
            assertEquals(0, policyOf(tid[0])[0], "back in SCHED_OTHER");
            assertEquals(-7, niceOf(tid[0]), "at the nice value it had");
            // The last request wins, whether both are still pending (merged) or handled one after the other.
            priority.toRealTimeLater(tid[0]);
            priority.toNormalLater(tid[0]);
            awaitHandled(priority, 4);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (policyOf(tid[0])[0] != 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertEquals(0, policyOf(tid[0])[0]);
            assertTrue(priority.handledLater() <= 5);
        } finally {
            done.countDown();
            reader.join();
        }
    }

    private static void awaitHandled(ThreadNice priority, long count) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (priority.handledLater() < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertTrue(priority.handledLater() >= count, "handled " + priority.handledLater() + " of " + count);
    }

    @Test
    void realTimePrioritiesOutsideLinuxsRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ThreadNice(-10, -1));
        assertThrows(IllegalArgumentException.class, () -> new ThreadNice(-10, 100));
    }

    @Test
    void zeroLeavesEveryThreadAlone() {
        ThreadNice off = new ThreadNice(0);
        assertFalse(off.raiseCurrentThread());
        assertEquals(0, off.raiseThreadsNamed("VM Thread"));
        assertTrue(off.unavailableBecause().isEmpty());
    }

    @Test
    void niceValuesOutsideLinuxsRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ThreadNice(-21));
        assertThrows(IllegalArgumentException.class, () -> new ThreadNice(20));
    }
}
