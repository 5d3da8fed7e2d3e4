package io.lockstep.edge.hazard;

import java.util.ArrayDeque;

/**
 * The bounded queue between the mesh's receive thread and the hazard worker: a flood cannot grow memory or
 * block the receive thread; when full, the oldest waiting message is dropped (counted by the caller).
 */
final class HazardInbox {

    /** One message as it came off the mesh, with when it did (Unix µs, for the latency figures). */
    record Raw(String key, byte[] payload, byte[] attachment, long receivedAtMicros) {
    }

    private final int capacity;
    private final ArrayDeque<Raw> queue = new ArrayDeque<>();
    private long overflowed;
    private int highWater;

    HazardInbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.capacity = capacity;
    }

    /** Queues a message; returns false when the oldest one had to make room. */
    synchronized boolean offer(Raw raw) {
        boolean kept = true;
        if (queue.size() >= capacity) {
            queue.pollFirst();
            overflowed++;
            kept = false;
        }
        queue.addLast(raw);
        highWater = Math.max(highWater, queue.size());
        notifyAll();
        return kept;
    }

    /** Waits up to {@code timeoutMillis} for a message; true when one is waiting (it stays queued). */
    synchronized boolean awaitMessage(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (queue.isEmpty()) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** The oldest waiting message, or null. */
    synchronized Raw poll() {
        return queue.pollFirst();
    }

    synchronized boolean isEmpty() {
        return queue.isEmpty();
    }

    synchronized int size() {
        return queue.size();
    }

    synchronized long overflowed() {
        return overflowed;
    }

    synchronized int highWater() {
        return highWater;
    }

    int capacity() {
        return capacity;
    }
}
