package io.lockstep.runtime.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The background work between a journal's durability points: it runs when asked and loses no failure. */
class JournalWriteBackTest {

    /** Background work that counts its rounds and fails each one when told to. */
    private static final class CountingWork implements JournalWriteBack.Work {
        final AtomicInteger rounds = new AtomicInteger();
        final CountDownLatch ran = new CountDownLatch(1);
        final IOException failWith;

        CountingWork(IOException failWith) {
            this.failWith = failWith;
        }

        @Override
        public void run() throws IOException {
            rounds.incrementAndGet();
            ran.countDown();
            if (failWith != null) {
                throw failWith;
            }
        }
    }

    @Test
    void aRequestRunsTheWorkInTheBackground() throws InterruptedException {
        CountingWork work = new CountingWork(null);
        JournalWriteBack writeBack = new JournalWriteBack(work, "test-writeback");
        assertEquals(0, work.rounds.get(), "nothing runs before a request");
        writeBack.request();
        assertTrue(work.ran.await(30, TimeUnit.SECONDS), "the background work ran");
        writeBack.close();
        assertNull(writeBack.takeFailure());
        int rounds = work.rounds.get();
        writeBack.request();
        assertEquals(rounds, work.rounds.get(), "no work after close");
    }

    @Test
    void aFailedBackgroundRoundIsHandedToTheNextSync() throws InterruptedException {
        IOException failure = new IOException("write-back failed");
        CountingWork work = new CountingWork(failure);
        JournalWriteBack writeBack = new JournalWriteBack(work, "test-writeback");
        writeBack.request();
        assertTrue(work.ran.await(30, TimeUnit.SECONDS));
        writeBack.close();  // waits for the round in progress, so its failure is recorded
        assertSame(failure, writeBack.takeFailure());
        assertNull(writeBack.takeFailure(), "reported once");
    }
}
