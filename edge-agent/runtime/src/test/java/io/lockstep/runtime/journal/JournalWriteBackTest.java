package io.lockstep.runtime.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The background force between a journal's durability points: it runs when asked and loses no failure. */
class JournalWriteBackTest {

    /** A channel whose only operation is force: counts the calls and fails each one when told to. */
    private static final class ForceOnly extends FileChannel {
        final AtomicInteger forces = new AtomicInteger();
        final CountDownLatch forced = new CountDownLatch(1);
        final IOException failWith;

        ForceOnly(IOException failWith) {
            this.failWith = failWith;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            forces.incrementAndGet();
            forced.countDown();
            if (failWith != null) {
                throw failWith;
            }
        }

        // Nothing else is used by JournalWriteBack.
        @Override public int read(ByteBuffer dst) { throw new UnsupportedOperationException(); }
        @Override public long read(ByteBuffer[] dsts, int offset, int length) { throw new UnsupportedOperationException(); }
        @Override public int write(ByteBuffer src) { throw new UnsupportedOperationException(); }
        @Override public long write(ByteBuffer[] srcs, int offset, int length) { throw new UnsupportedOperationException(); }
        @Override public long position() { throw new UnsupportedOperationException(); }
        @Override public FileChannel position(long newPosition) { throw new UnsupportedOperationException(); }
        @Override public long size() { throw new UnsupportedOperationException(); }
        @Override public FileChannel truncate(long size) { throw new UnsupportedOperationException(); }
        @Override public long transferTo(long position, long count, WritableByteChannel target) { throw new UnsupportedOperationException(); }
        @Override public long transferFrom(ReadableByteChannel src, long position, long count) { throw new UnsupportedOperationException(); }
        @Override public int read(ByteBuffer dst, long position) { throw new UnsupportedOperationException(); }
        @Override public int write(ByteBuffer src, long position) { throw new UnsupportedOperationException(); }
        @Override public MappedByteBuffer map(MapMode mode, long position, long size) { throw new UnsupportedOperationException(); }
        @Override public FileLock lock(long position, long size, boolean shared) { throw new UnsupportedOperationException(); }
        @Override public FileLock tryLock(long position, long size, boolean shared) { throw new UnsupportedOperationException(); }
        @Override protected void implCloseChannel() { }
    }

    @Test
    void aRequestForcesTheFileInTheBackground() throws InterruptedException {
        ForceOnly channel = new ForceOnly(null);
        JournalWriteBack writeBack = new JournalWriteBack(channel, "test-writeback");
        assertEquals(0, channel.forces.get(), "nothing is forced before a request");
        writeBack.request();
        assertTrue(channel.forced.await(30, TimeUnit.SECONDS), "the background force ran");
        writeBack.close();
        assertNull(writeBack.takeFailure());
        int forces = channel.forces.get();
        writeBack.request();
        assertEquals(forces, channel.forces.get(), "no force after close");
    }

    @Test
    void aFailedBackgroundForceIsHandedToTheNextSync() throws InterruptedException {
        IOException failure = new IOException("write-back failed");
        ForceOnly channel = new ForceOnly(failure);
        JournalWriteBack writeBack = new JournalWriteBack(channel, "test-writeback");
        writeBack.request();
        assertTrue(channel.forced.await(30, TimeUnit.SECONDS));
        writeBack.close();  // waits for the force in progress, so its failure is recorded
        assertSame(failure, writeBack.takeFailure());
        assertNull(writeBack.takeFailure(), "reported once");
    }
}
