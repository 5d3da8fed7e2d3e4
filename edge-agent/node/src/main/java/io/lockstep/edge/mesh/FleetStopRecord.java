package io.lockstep.edge.mesh;

import io.lockstep.platform.safety.Intervention;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * What the fleet stop did on this node (Unix µs stamps, -1 never; e-stops in and out over the mesh), which of the
 * receive threads handing over peers' stops at once relays and latches, and a wait for it to change, so that a caller
 * (the bench) can ask once and be answered when this node latched or received a stop instead of polling the node
 * while the stop travels.
 */
final class FleetStopRecord {

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong releasesRefused = new AtomicLong();
    private final AtomicLong broadcast = new AtomicLong();
    private volatile long latchedAtMicros = -1;
    private volatile long broadcastAtMicros = -1;
    /** When the mesh handed over the e-stop that latched this node last. */
    private volatile long receivedAtMicros = -1;
    private volatile String detail = "";
    /** A receive thread is relaying and latching a peer's stop, or this node is stopping (guarded by this). */
    private boolean latching;
    /** This node's own stop while it is being put on the mesh: its latch, which a peer's stop runs (guarded by this). */
    private OwnLatch ownLatch;
    /**
     * The latch stamped last, so that its listener does not stamp again a latch that a relay stamped before relaying
     * (guarded by this).
     */
    private Intervention stamped;

    /** The supervisor latched with {@code latch} at {@code atMicros}; a latch already stamped keeps its first stamp. */
    synchronized void latched(Intervention latch, long atMicros) {
        if (latch == stamped) {
            return;
        }
        stamped = latch;
        latchedAtMicros = atMicros;
        detail = latch.detail();
        notifyAll();
    }

    /**
     * What a receive thread does with a peer's accepted e-stop: {@link #RELAY_AND_LATCH} it ({@link #latchDone()}
     * after), run this node's own latch (its stop is being put on the mesh), or latch as the peer's stop.
     */
    record Receipt(boolean relayAndLatch, OwnLatch ownLatch) {
        static final Receipt RELAY_AND_LATCH = new Receipt(true, null);
        static final Receipt LATCH_AS_PEER = new Receipt(false, null);
    }

    /**
     * A peer's e-stop was accepted, handed over at {@code atMicros}. The caller latches this node and relays it only
     * when the node is not {@code latched} and no other thread is latching it: {@code latched} was read before this
     * call, so "not latched yet" alone would let two threads that read it at once both relay (and a duplicate relay
     * can arrive after a release and latch the node again). The stamp is set here, under the same lock, so that it is
     * set before any thread can latch the node for this stop.
     */
    synchronized Receipt received(long atMicros, boolean latched) {
        received.incrementAndGet();
        notifyAll();
        if (!latched && !latching) {
            latching = true;
            receivedAtMicros = atMicros;
            return Receipt.RELAY_AND_LATCH;
        }
        return ownLatch != null ? new Receipt(false, ownLatch) : Receipt.LATCH_AS_PEER;
    }

    /**
     * This node's own stop: {@code put} puts it on the mesh, then {@code latch} latches this node, so the peers do not
     * wait for the latch's listeners. Whichever thread comes first runs the latch, once, and it has run when this
     * returns: this thread once the put is done (or threw), a peer's stop arriving meanwhile on its receive thread, or
     * {@code timer} after {@code graceMillis}. The last is for a put held up by a peer that stopped reading (a put
     * with BLOCK congestion waits until that peer's lease ends, seconds): this node does not wait for it to latch.
     */
    void ownStop(Runnable put, Runnable latch, ScheduledExecutorService timer, long graceMillis) {
        OwnLatch once = ownStopStarted(latch);
        Future<?> fallback = null;
        try {
            fallback = timer.schedule(once, graceMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // the mesh is closing: the put and this thread's latch below still run
        }
        try {
            put.run();
        } finally {
            try {
                once.run();
            } finally {
                if (fallback != null) {
                    fallback.cancel(false);
                }
                latchDone();
            }
        }
    }

    /**
     * This node puts its own stop on the mesh and then latches with {@code latch}: a peer's stop arriving meanwhile
     * (a relay of this very stop, typically) is not relayed again, and it runs this node's own latch at once instead of
     * latching as a peer's stop, so the node is stopped as early as possible and for its own reason.
     */
    synchronized OwnLatch ownStopStarted(Runnable latch) {
        latching = true;
        ownLatch = new OwnLatch(latch);
        return ownLatch;
    }

    synchronized void latchDone() {
        latching = false;
        ownLatch = null;
    }

    /** A latch run once by whichever thread comes first; the other waits until it has run. */
    static final class OwnLatch implements Runnable {
        private final Runnable latch;
        private boolean ran;

        private OwnLatch(Runnable latch) {
            this.latch = latch;
        }

        @Override
        public synchronized void run() {
            if (!ran) {
                ran = true;
                latch.run();
            }
        }
    }

    void broadcast(long atMicros) {
        broadcastAtMicros = atMicros;
    }

    void broadcastWritten() {
        broadcast.incrementAndGet();
    }

    long releaseRefused() {
        return releasesRefused.incrementAndGet();
    }

    long releasesRefused() {
        return releasesRefused.get();
    }

    long received() {
        return received.get();
    }

    long latchedAtMicros() {
        return latchedAtMicros;
    }

    /** Waits up to {@code timeoutMs} until {@code condition} holds (checked again after each change); its last value. */
    boolean await(BooleanSupplier condition, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        synchronized (this) {
            while (!condition.getAsBoolean()) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return false;
                }
                wait(left);
            }
            return true;
        }
    }

    Map<String, Object> view(boolean latched) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("latched", latched);
        out.put("latchedAtMicros", latchedAtMicros);
        out.put("broadcastAtMicros", broadcastAtMicros);
        out.put("receivedAtMicros", receivedAtMicros);
        out.put("detail", detail);
        out.put("meshEstopsReceived", received.get());
        out.put("meshEstopsBroadcast", broadcast.get());
        out.put("meshReleasesRefused", releasesRefused.get());
        return out;
    }
}
