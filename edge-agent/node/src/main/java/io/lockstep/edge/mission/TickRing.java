package io.lockstep.edge.mission;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The last {@code capacity} {@link TickRecord}s, for the debug port; older ones are forgotten. */
public final class TickRing {

    private final TickRecord[] slots;
    private long written;

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

    public synchronized void clear() {
        Arrays.fill(slots, null);
        written = 0;
    }

    public int capacity() {
        return slots.length;
    }
}
