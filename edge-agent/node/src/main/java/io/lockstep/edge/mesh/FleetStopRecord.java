package io.lockstep.edge.mesh;

import java.util.LinkedHashMap;
import java.util.Map;
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
    /** A receive thread is relaying and latching a peer's stop (guarded by this). */
    private boolean latching;

    void latched(long atMicros, String why) {
        latchedAtMicros = atMicros;
        detail = why;
        changed();
    }

    /**
     * A peer's e-stop was accepted, handed over at {@code atMicros}; true when the caller is to relay it and latch this
     * node ({@link #latchDone()} after): the node is not {@code latched} and no other receive thread is latching it.
     * The relay is written before the latch, so "not latched yet" alone would let two threads relay (and a duplicate
     * relay can arrive after a release and latch the node again). The stamp is set here, under the same lock, so that
     * it is set before any thread can latch the node for this stop.
     */
    synchronized boolean received(long atMicros, boolean latched) {
        received.incrementAndGet();
        boolean latch = !latched && !latching;
        if (latch) {
            latching = true;
            receivedAtMicros = atMicros;
        }
        notifyAll();
        return latch;
    }

    /** This node puts its own stop on the mesh and latches: a peer's relay arriving meanwhile is not relayed again. */
    synchronized void ownStopStarted() {
        latching = true;
    }

    synchronized void latchDone() {
        latching = false;
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

    private synchronized void changed() {
        notifyAll();
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
