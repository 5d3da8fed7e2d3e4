package io.lockstep.c2.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} timeline events, fleet-wide. Clients read the events after the last one they got;
 * a client that fell further behind than the ring learns how many it missed instead of making the ring grow.
 */
final class EventRing {
    private final int capacity;
    private final ArrayDeque<StreamEvent> events = new ArrayDeque<>();
    private long lastSeq;

    EventRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    synchronized StreamEvent append(String nodeId, ObjectNode value) {
        StreamEvent event = new StreamEvent(++lastSeq, nodeId, value);
        value.put("seq", event.seq());
        if (value.path("alert").asBoolean() && !value.has("alertId")) {
            io.lockstep.c2.alert.AlertId.forEvent(nodeId, value).ifPresent(id -> value.put("alertId", id));
        }
        events.addLast(event);
        while (events.size() > capacity) {
            events.removeFirst();
        }
        return event;
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    /** Events with seq above {@code after}; {@code missed[0]} gets how many of them already left the ring. */
    synchronized List<StreamEvent> after(long after, long[] missed) {
        List<StreamEvent> result = new ArrayList<>();
        long oldest = events.isEmpty() ? lastSeq + 1 : events.peekFirst().seq();
        missed[0] = Math.max(0, oldest - after - 1);
        for (StreamEvent event : events) {
            if (event.seq() > after) {
                result.add(event);
            }
        }
        return result;
    }

    synchronized List<StreamEvent> all() {
        return List.copyOf(events);
    }
}
