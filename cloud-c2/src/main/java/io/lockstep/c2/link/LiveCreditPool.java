package io.lockstep.c2.link;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The C2-wide bound on live samples in flight (docs/dashboard.md, "The live-credit pool"): the credit every node
 * holds or has spent on samples C2 has not processed yet, summed over all streams, stays at most {@code capacity}
 * (0: no bound, each stream only has its window). A sample's wait in C2 is about the samples in flight ÷ C2's read
 * rate (Little's law), so with 1,000 nodes and a window of 4 each sample waited behind up to 4,000 others; with
 * the pool it waits behind at most {@code capacity} while C2 reads as many per second as before.
 *
 * <p>Credit used by a processed sample comes back to its node only while the pool has room; otherwise the node
 * waits in one first-come line, so every node gets its turn. A node that holds its credit without using it
 * would keep it from the others: credit unused for {@code idleAfterMs} is not counted (the account turns idle,
 * found by the periodic {@link #sweep()}) until the node uses it again. Closing a stream returns its credit. Thread-safe; plain Java.
 */
final class LiveCreditPool {

    private final int capacity;
    private final long idleAfterMs;
    private final LongSupplier clockMs;
    private final Object lock = new Object();
    /** Σ outstanding credit of the open accounts that are not idle. Guarded by lock. */
    private int inFlight;
    private final ArrayDeque<LiveCreditAccount> line = new ArrayDeque<>();
    private final Set<LiveCreditAccount> counted = new HashSet<>();

    LiveCreditPool(int capacity, long idleAfterMs, LongSupplier clockMs) {
        if (capacity < 0) {
            throw new IllegalArgumentException("live-credit pool must be >= 0 (0: no bound), got " + capacity);
        }
        this.capacity = capacity;
        this.idleAfterMs = idleAfterMs;
        this.clockMs = clockMs;
    }

    /** A stream opened with its window of credit (given in its Welcome, whatever the pool holds). */
    void open(LiveCreditAccount account) {
        synchronized (lock) {
            account.lastActiveMs = clockMs.getAsLong();
            counted.add(account);
            inFlight += account.outstanding();
        }
    }

    /** A live sample of {@code account}'s node was processed: its credit goes back now or when its turn comes. */
    void processed(LiveCreditAccount account) {
        List<Grant> grants;
        synchronized (lock) {
            if (account.closed || !account.use()) {
                return;
            }
            long now = clockMs.getAsLong();
            account.lastActiveMs = now;
            if (account.idle) {
                account.idle = false;
                counted.add(account);
                inFlight += account.outstanding();
            } else {
                inFlight--;
            }
            if (!account.waiting && account.due() > 0) {
                account.waiting = true;
                line.add(account);
            }
            grants = distribute();
        }
        grants.forEach(Grant::send);
    }

    /** A stream closed: its credit is free for the others. */
    void closed(LiveCreditAccount account) {
        List<Grant> grants;
        synchronized (lock) {
            if (account.closed) {
                return;
            }
            account.closed = true;
            if (!account.idle) {
                inFlight -= account.outstanding();
            }
            counted.remove(account);
            if (account.waiting) {
                line.remove(account);
            }
            grants = distribute();
        }
        grants.forEach(Grant::send);
    }

    /** Credit counted in flight now (held by nodes or spent on samples not processed yet). */
    int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    /** Nodes waiting for their credit to come back. */
    int waiting() {
        synchronized (lock) {
            return line.size();
        }
    }

    /**
     * Stops counting credit that nodes have held unused for idleAfterMs, and hands the room to the line. Called
     * periodically (a fraction of idleAfterMs): when every node that sends waits in line, no processed sample is
     * left to free room, and only this does.
     */
    void sweep() {
        List<Grant> grants;
        synchronized (lock) {
            long now = clockMs.getAsLong();
            for (Iterator<LiveCreditAccount> it = counted.iterator(); it.hasNext(); ) {
                LiveCreditAccount account = it.next();
                if (account.outstanding() > 0 && now - account.lastActiveMs >= idleAfterMs) {
                    account.idle = true;
                    inFlight -= account.outstanding();
                    it.remove();
                }
            }
            grants = distribute();
        }
        grants.forEach(Grant::send);
    }

    private List<Grant> distribute() {
        List<Grant> grants = List.of();
        while (!line.isEmpty()) {
            LiveCreditAccount head = line.peek();
            int due = head.due();
            if (capacity > 0 && inFlight + due > capacity) {
                break;
            }
            line.poll();
            head.waiting = false;
            head.granted(due);
            head.lastActiveMs = clockMs.getAsLong();
            if (!head.idle) {
                inFlight += due;
            }
            if (grants.isEmpty()) {
                grants = new ArrayList<>();
            }
            grants.add(new Grant(head, due));
        }
        assert capacity == 0 || line.isEmpty() || inFlight + line.peek().due() > capacity : "a grant held back with room";
        return grants;
    }

    private record Grant(LiveCreditAccount account, int samples) {
        void send() {
            account.send(samples);
        }
    }
}
