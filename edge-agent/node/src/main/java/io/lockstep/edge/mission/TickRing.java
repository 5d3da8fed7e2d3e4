package io.lockstep.edge.mission;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The last {@code capacity} {@link TickRecord}s, for the debug port; older ones are forgotten. Also where
 * the tick loop reports each tick's wall-clock duration, to the {@link TickObserver} set here (metrics).
 */
public final class TickRing {

    private final TickRecord[] slots;
    private long written;
    private volatile TickObserver observer = TickObserver.NONE;

    public TickRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("tick ring capacity must be >= 1, got " + capacity);
        }
        this.slots = new TickRecord[capacity];
    }

    public synchronized void add(TickRecord record) {
        slots[(int) (written % slots.length)] = record;
        written++;
    }

    /** Records with {@code from <= tick <= to} still held, oldest first, at most {@code limit}. */
    public synchronized List<TickRecord> range(long from, long to, int limit) {
        List<TickRecord> out = new ArrayList<>();
        long first = Math.max(0, written - slots.length);
        for (long i = first; i < written && out.size() < limit; i++) {
            TickRecord r = slots[(int) (i % slots.length)];
            if (r.tick() >= from && r.tick() <= to) {
                out.add(r);
            }
        }
        return out;
    }

    public void observe(TickObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    public TickObserver observer() {
        return observer;
    }

    public synchronized void clear() {
        Arrays.fill(slots, null);
        written = 0;
    }

    public int capacity() {
        return slots.length;
    }
}
