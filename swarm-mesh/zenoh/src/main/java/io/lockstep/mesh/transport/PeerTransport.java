package io.lockstep.mesh.transport;

import io.lockstep.mesh.codec.ByteReader;
import io.lockstep.mesh.codec.ByteWriter;
import io.lockstep.mesh.codec.MalformedMessageException;
import io.lockstep.mesh.message.network.NetworkCodec;
import io.lockstep.mesh.message.network.NetworkMessage;
import io.lockstep.mesh.message.transport.Close;
import io.lockstep.mesh.message.transport.Fragment;
import io.lockstep.mesh.message.transport.Frame;
import io.lockstep.mesh.message.transport.KeepAlive;
import io.lockstep.mesh.message.transport.TransportCodec;
import io.lockstep.mesh.message.transport.TransportMessage;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An open unicast session with one peer over one TCP link. A reader thread decodes frames, reorders nothing (TCP
 * already does) but drops duplicate sequence numbers, reassembles fragments and enforces the peer's lease; a writer
 * thread batches queued network messages into FRAMEs up to the batch size, fragments what does not fit, and sends
 * a KEEP_ALIVE whenever the link has been idle for a quarter of our lease. An express blocking sender that finds the
 * link free writes what is queued and then its own message itself instead of waiting for the writer thread to wake
 * (on a busy machine that wait was milliseconds: docs/hazards.md). Messages leave the queue only under the sending
 * lock, so either way they go out in the order they were queued.
 */
public final class PeerTransport {
    private static final System.Logger LOG = System.getLogger(PeerTransport.class.getName());
    /** Frame header: one byte plus a sequence number of up to 9 bytes. */
    private static final int FRAME_HEADER_MAX = 10;
    private static final long CLOSE_GRACE_MS = 500;

    private final TcpLink link;
    private final TransportParams params;
    private final TransportConfig config;
    private final TransportListener listener;
    private final SequenceNumbers sns;
    private final BlockingQueue<Outgoing> queue;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final Reassembler reliableFragments;
    private final Reassembler bestEffortFragments;
    private volatile String closeReason;
    private Thread reader;
    private Thread writer;

    // Sending state, guarded by txLock: the writer thread and express senders that write directly. Both take queued
    // messages only while holding it, so no message is ever out of the queue and not yet written.
    private final ReentrantLock txLock = new ReentrantLock();
    private final BatchBuffer batch;
    private volatile long lastWriteNanos = System.nanoTime();
    private long nextReliableSn;
    private long nextBestEffortSn;
    // Reader-thread state.
    private long expectedReliableSn;
    private long expectedBestEffortSn;

    private record Outgoing(NetworkMessage message, boolean reliable) {
    }

    public PeerTransport(TcpLink link, TransportParams params, TransportConfig config, TransportListener listener) {
        this.link = link;
        this.params = params;
        this.config = config;
        this.listener = listener;
        this.sns = new SequenceNumbers(params.snModulus());
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        boolean markers = params.patch() >= 1;
        this.reliableFragments = new Reassembler(config.maxMessageSize(), sns, markers);
        this.bestEffortFragments = new Reassembler(config.maxMessageSize(), sns, markers);
        this.nextReliableSn = params.localInitialSn();
        this.nextBestEffortSn = params.localInitialSn();
        this.expectedReliableSn = params.peerInitialSn();
        this.expectedBestEffortSn = params.peerInitialSn();
        this.batch = new BatchBuffer();
    }

    /** Starts the reader and writer threads. */
    public void start() {
        String name = "zenoh-" + params.peerZid();
        reader = new Thread(() -> {
            config.threadStart().run();
            readLoop();
        }, name + "-rx");
        writer = new Thread(() -> {
            config.threadStart().run();
            writeLoop();
        }, name + "-tx");
        reader.setDaemon(true);
        writer.setDaemon(true);
        writer.start();
        reader.start();
    }

    public TransportParams params() {
        return params;
    }

    /** The peer's authenticated identity (its TLS certificate's node id); null over plain TCP. */
    public String peerIdentity() {
        return link.peerIdentity();
    }

    public String remoteAddress() {
        return link.remote();
    }

    public boolean isClosed() {
        return closed.get();
    }

    public String closeReason() {
        return closeReason;
    }

    /**
     * Queues a message. With {@link CongestionControl#DROP} a full queue drops it (returns false); with BLOCK the
     * caller waits for room, until the session closes.
     */
    public boolean send(NetworkMessage message, boolean reliable, CongestionControl congestion) {
        return send(message, reliable, congestion, false);
    }

    /**
     * As {@link #send(NetworkMessage, boolean, CongestionControl)}; an {@code express} message with BLOCK
     * congestion control is written by the calling thread when nothing is queued, skipping batching and two thread
     * hand-offs (lowest latency); otherwise it is queued like any other.
     */
    public boolean send(NetworkMessage message, boolean reliable, CongestionControl congestion, boolean express) {
        if (closed.get()) {
            return false;
        }
        Outgoing out = new Outgoing(message, reliable);
        if (congestion == CongestionControl.DROP) {
            return enqueue(out, false);
        }
        if (express && txLock.tryLock()) {
            try {
                // What was queued before goes first; then this message, with no hand-off to the writer thread.
                addQueued();
                batch.add(out);
                batch.flush();
                return true;
            } catch (IOException e) {
                abort("link lost while writing: " + e.getMessage());
                return false;
            } finally {
                txLock.unlock();
            }
        }
        return enqueue(out, true);
    }

    private boolean enqueue(Outgoing out, boolean block) {
        try {
            if (!block) {
                if (queue.offer(out)) {
                    LockSupport.unpark(writer);
                    return true;
                }
            } else {
                while (!closed.get()) {
                    if (queue.offer(out, 100, TimeUnit.MILLISECONDS)) {
                        LockSupport.unpark(writer);
                        return true;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Moves every queued message into the batch (caller holds txLock); how many. */
    private int addQueued() throws IOException {
        int added = 0;
        Outgoing next;
        while ((next = queue.poll()) != null) {
            batch.add(next);
            added++;
        }
        return added;
    }

    /** Closes the session, telling the peer why. */
    public void close(int reason, String why) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeReason = why;
        // The CLOSE write may block forever behind a peer that stopped reading; give it a moment, then cut the link.
        byte[] message = TransportCodec.encode(new Close(reason, true));
        Thread sender = new Thread(() -> {
            try {
                link.write(message);
            } catch (IOException | RuntimeException ignored) {
                // the link may already be broken; closing continues regardless
            }
        }, "zenoh-close-" + params.peerZid());
        sender.setDaemon(true);
        sender.start();
        try {
            sender.join(CLOSE_GRACE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutdown();
    }

    /** Drops the link without a CLOSE message: what a crashed peer looks like (used by tests and on link errors). */
    public void abort(String why) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeReason = why;
        shutdown();
    }

    /** Waits until the session is closed, for whatever reason. */
    public void awaitClosed() throws InterruptedException {
        closedLatch.await();
    }

    private void shutdown() {
        link.close();
        closedLatch.countDown();
        if (writer != null) {
            writer.interrupt();
        }
        try {
            listener.onClosed(this, closeReason);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "close listener failed", e);
        }
    }

    // ------------------------------------------------------------------ reading

    private void readLoop() {
        try {
            link.setReadTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, params.peerLeaseMillis())));
            while (!closed.get()) {
                handle(TransportCodec.decode(link.read()));
                config.readerHandled().run();
            }
        } catch (MalformedMessageException e) {
            LOG.log(System.Logger.Level.WARNING, "closing session with {0}: {1}", params.peerZid(), e.getMessage());
            close(Close.INVALID, "malformed message: " + e.getMessage());
        } catch (SocketTimeoutException e) {
            close(Close.EXPIRED, "lease expired: nothing heard for " + params.peerLeaseMillis() + " ms");
        } catch (EOFException e) {
            abort("link closed by peer");
        } catch (IOException e) {
            abort("link lost: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "unexpected failure reading from " + params.peerZid(), e);
            close(Close.GENERIC, "internal error: " + e);
        }
    }

    private void handle(TransportMessage message) {
        if (message instanceof Frame frame) {
            if (!accept(frame.reliable(), frame.sn())) {
                return;
            }
            for (NetworkMessage m : frame.messages()) {
                dispatch(m);
            }
        } else if (message instanceof Fragment fragment) {
            if (!accept(fragment.reliable(), fragment.sn())) {
                return;
            }
            byte[] whole = (fragment.reliable() ? reliableFragments : bestEffortFragments).accept(fragment);
            if (whole != null) {
                ByteReader r = new ByteReader(whole);
                NetworkMessage m = NetworkCodec.decode(r);
                if (r.hasRemaining()) {
                    throw new MalformedMessageException("trailing bytes after a reassembled message");
                }
                dispatch(m);
            }
        } else if (message instanceof Close c) {
            abort("closed by peer: " + Close.describe(c.reason()));
        } else if (!(message instanceof KeepAlive)) {
            throw new MalformedMessageException(message.getClass().getSimpleName() + " after the session was opened");
        }
    }

    /** Checks and advances the channel's sequence number; false for a duplicate that must be ignored. */
    private boolean accept(boolean reliable, long sn) {
        if (!sns.valid(sn)) {
            throw new MalformedMessageException("sequence number " + sn + " outside the negotiated resolution");
        }
        long expected = reliable ? expectedReliableSn : expectedBestEffortSn;
        if (sns.precedes(sn, expected)) {
            return false;
        }
        if (reliable) {
            expectedReliableSn = sns.next(sn);
        } else {
            expectedBestEffortSn = sns.next(sn);
        }
        return true;
    }

    private void dispatch(NetworkMessage m) {
        try {
            listener.onMessage(this, m);
        } catch (MalformedMessageException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "message handler failed", e);
        }
    }

    // ------------------------------------------------------------------ writing

    private final class BatchBuffer {
        final ByteWriter out = new ByteWriter(params.batchSize() + 2);
        final ByteWriter scratch = new ByteWriter(256);
        boolean open;
        boolean reliable;

        void add(Outgoing o) throws IOException {
            scratch.reset();
            NetworkCodec.encode(scratch, o.message());
            int size = scratch.size();
            if (size > params.batchSize() - FRAME_HEADER_MAX) {
                flush();
                fragment(o.reliable());
                return;
            }
            if (open && (reliable != o.reliable() || out.size() - 2 + size > params.batchSize())) {
                flush();
            }
            if (!open) {
                out.reset();
                out.writeU16Le(0);
                TransportCodec.writeFrameHeader(out, o.reliable(), takeSn(o.reliable()));
                open = true;
                reliable = o.reliable();
            }
            out.writeBytes(scratch.array(), 0, size);
        }

        private void fragment(boolean rel) throws IOException {
            byte[] all = scratch.toByteArray();
            int chunk = params.batchSize() - FRAME_HEADER_MAX - 2;
            for (int offset = 0; offset < all.length; offset += chunk) {
                int len = Math.min(chunk, all.length - offset);
                byte[] piece = new byte[len];
                System.arraycopy(all, offset, piece, 0, len);
                boolean first = offset == 0 && params.patch() >= 1;
                Fragment f = new Fragment(rel, offset + len < all.length, takeSn(rel), first, false, piece);
                out.reset();
                out.writeU16Le(0);
                TransportCodec.encode(out, f);
                writeOut();
            }
        }

        void flush() throws IOException {
            if (open) {
                writeOut();
                open = false;
            }
        }

        private void writeOut() throws IOException {
            out.setU16Le(0, out.size() - 2);
            link.writeFramed(out.array(), out.size());
            lastWriteNanos = System.nanoTime();
        }
    }

    private long takeSn(boolean reliable) {
        long sn;
        if (reliable) {
            sn = nextReliableSn;
            nextReliableSn = sns.next(sn);
        } else {
            sn = nextBestEffortSn;
            nextBestEffortSn = sns.next(sn);
        }
        return sn;
    }

    private void writeLoop() {
        long keepAliveNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(50, config.leaseMillis() / 4));
        byte[] keepAlive = TransportCodec.encode(new KeepAlive());
        try {
            while (!closed.get()) {
                if (queue.isEmpty()) {
                    LockSupport.parkNanos(this, keepAliveNanos); // a sender that queues unparks it
                    if (Thread.currentThread().isInterrupted()) {
                        return; // closing
                    }
                }
                txLock.lock();
                try {
                    if (addQueued() > 0) {
                        batch.flush();
                    } else if (System.nanoTime() - lastWriteNanos >= keepAliveNanos) {
                        link.write(keepAlive);
                        lastWriteNanos = System.nanoTime();
                    }
                } finally {
                    txLock.unlock();
                }
            }
        } catch (IOException e) {
            abort("link lost while writing: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "unexpected failure writing to " + params.peerZid(), e);
            close(Close.GENERIC, "internal error: " + e);
        }
    }
}
