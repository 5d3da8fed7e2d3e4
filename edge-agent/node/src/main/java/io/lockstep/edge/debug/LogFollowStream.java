package io.lockstep.edge.debug;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockstep.edge.mission.AgentLogRing;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;

/**
 * {@code GET /debug/v1/logs?follow=true}: the agent log as Server-Sent Events, one event per line
 * ({@code id:} the line's seq, {@code event: log}, {@code data:} the line as JSON), {@code event: skipped}
 * when lines left the ring before they could be sent, a comment every {@link #KEEPALIVE_MS} ms so idle
 * proxies keep the connection, and {@code event: end} when the follow time is up (a client reconnects with
 * {@code Last-Event-ID}, as EventSource does, and loses nothing the ring still holds). Each follower holds one
 * worker thread, so at most {@link #MAX_FOLLOWERS} follow at once; a client that goes away ends its stream at
 * the next write.
 */
final class LogFollowStream implements StreamingOutput {

    static final int MAX_FOLLOWERS = 8;
    static final long KEEPALIVE_MS = 15_000;
    private static final int LINES_PER_READ = 200;
    private static final Semaphore FOLLOWERS = new Semaphore(MAX_FOLLOWERS);

    private final AgentLogRing ring;
    private final ObjectMapper json;
    private final long followMs;
    private long cursor;

    private LogFollowStream(AgentLogRing ring, ObjectMapper json, long after, long followMs) {
        this.ring = ring;
        this.json = json;
        this.cursor = after;
        this.followMs = followMs;
    }

    /** A stream holding one follower permit, or null when {@link #MAX_FOLLOWERS} already follow. */
    static LogFollowStream open(AgentLogRing ring, ObjectMapper json, long after, long followMs) {
        return FOLLOWERS.tryAcquire() ? new LogFollowStream(ring, json, after, followMs) : null;
    }

    @Override
    public void write(OutputStream out) throws IOException {
        try {
            long deadline = System.nanoTime() + followMs * 1_000_000L;
            send(out, ": following the agent log from line " + (cursor + 1) + "\nretry: 1000\n\n");
            while (System.nanoTime() - deadline < 0) {
                long waitMs = Math.max(1, Math.min(KEEPALIVE_MS, (deadline - System.nanoTime()) / 1_000_000L));
                AgentLogRing.Page page = ring.await(cursor, LINES_PER_READ, waitMs);
                StringBuilder events = new StringBuilder();
                if (page.skipped() > 0) {
                    events.append("event: skipped\ndata: {\"skipped\":").append(page.skipped()).append("}\n\n");
                }
                for (AgentLogRing.Line line : page.lines()) {
                    events.append("id: ").append(line.seq()).append("\nevent: log\ndata: ")
                            .append(json.writeValueAsString(line)).append("\n\n");
                }
                if (page.next() < cursor) {
                    // the node restarted its ring (a cursor beyond the newest line reads from the start)
                    events.append("event: restart\ndata: {\"next\":").append(page.next()).append("}\n\n");
                }
                cursor = page.next();
                send(out, events.isEmpty() ? ": keepalive\n\n" : events.toString());
            }
            send(out, "event: end\ndata: {\"next\":" + cursor + "}\n\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            FOLLOWERS.release();
        }
    }

    /** {@code text} quoted for an error message: at most 64 characters, control characters escaped. */
    static String quote(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        StringBuilder out = new StringBuilder("\"");
        cut.codePoints().forEach(c -> out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", c)
                : new String(Character.toChars(c))));
        return out.append('"').toString();
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
