package io.lockstep.edge.mission;

import io.lockstep.runtime.LogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The last {@code capacity} agent log lines of this node, numbered from 1 in arrival order, for the debug
 * port's {@code /debug/v1/logs}. A reader passes the number of the last line it has seen as a cursor and gets
 * the later ones; lines that were pushed out of the ring before it read them are counted, never silently lost.
 */
public final class AgentLogRing {

    public static final int DEFAULT_CAPACITY = 1_000;

    /** One line: {@code seq} is its cursor; agent text is made printable (control characters escaped). */
    public record Line(long seq, String missionId, long tick, String agent, String level, String message) {
    }

    /**
     * Lines after a cursor.
     *
     * @param lines   at most the limit asked for, oldest first
     * @param next    the cursor for the next request (the last line's seq, or the cursor given when none)
     * @param skipped lines after the cursor that had already left the ring
     */
    public record Page(List<Line> lines, long next, long skipped) {
    }

    private final Line[] slots;
    private long written;

    public AgentLogRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("log ring capacity must be >= 1, got " + capacity);
        }
        this.slots = new Line[capacity];
    }

    public synchronized Line add(String missionId, long tick, LogEntry entry) {
        Line line = new Line(written + 1, missionId, tick, entry.agent(), entry.levelName(),
                entry.printableMessage());
        slots[(int) (written % slots.length)] = line;
        written++;
        notifyAll();
        return line;
    }

    /**
     * Lines with {@code seq > cursor}, oldest first, at most {@code limit}. A cursor beyond the newest line
     * (from before a node restart, which numbers from 1 again) reads from the start.
     */
    public synchronized Page after(long cursor, int limit) {
        if (cursor < 0 || limit < 1) {
            throw new IllegalArgumentException("need cursor >= 0 and limit >= 1");
        }
        long from = cursor > written ? 1 : cursor + 1;
        long oldest = Math.max(1, written - slots.length + 1);
        long skipped = Math.max(0, oldest - from);
        List<Line> lines = new ArrayList<>();
        for (long seq = Math.max(from, oldest); seq <= written && lines.size() < limit; seq++) {
            lines.add(slots[(int) ((seq - 1) % slots.length)]);
        }
        long next = lines.isEmpty() ? Math.min(cursor, written) : lines.get(lines.size() - 1).seq();
        return new Page(List.copyOf(lines), next, skipped);
    }

    /** Like {@link #after}, but waits up to {@code timeoutMillis} for a line after the cursor (long poll). */
    public synchronized Page await(long cursor, int limit, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
        while (written == 0 || written == cursor) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return after(cursor, limit);
    }

    /** The cursor of the newest line (0 when none). */
    public synchronized long latest() {
        return written;
    }
}
