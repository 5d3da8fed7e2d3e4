package io.lockstep.proto.link;

import io.lockstep.proto.v1.AgentLogLine;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.Telemetry;
import java.util.ArrayList;
import java.util.List;

/**
 * How a sender puts live telemetry on the link: latest wins. A live sample is handed to the stream only while
 * the stream is ready (gRPC {@code isReady}); otherwise it is kept here in place of the one kept before (which
 * is counted as replaced, never sent), and the kept one goes out when the stream is ready again
 * ({@code onReady}). Shared by the edge node's link client and the dashboard benchmark's simulated nodes. A
 * replaced sample's agent log lines are not lost with it: the sample that replaces it carries them (bounded,
 * the rest counted in {@code logs_dropped}).
 *
 * <p>Why: what a sender hands to a stream that is not ready waits in its gRPC buffer and the HTTP/2
 * flow-control window, behind every older sample, and C2 reads it only after all of them. At 1,000 nodes ×
 * 100 Hz that was tens of seconds of stale positions. A live view wants the newest sample, not all of them.
 *
 * <p>Only for live samples: spooled telemetry ({@code Telemetry.spooled}) and messages C2 must see (status,
 * acks, heartbeats, uploads) never come here and are never dropped.
 */
public final class LatestLiveSample {

    /**
     * Default gRPC on-ready threshold of a link stream, bytes: the stream stops being ready once this much is
     * queued in the sender, not yet written to the connection (grpc-java's own default is 32 KiB, hundreds of
     * samples). Small, so that few samples ever wait behind the transport.
     */
    public static final int DEFAULT_ON_READY_THRESHOLD_BYTES = 1024;

    /** Agent log lines one sample carries at most ({@code Telemetry.logs}); the rest are counted as dropped. */
    public static final int MAX_LOG_LINES = 8;

    /** The request side of one link stream. */
    public interface Stream {
        /** Whether the stream takes a message now without queueing it behind the transport. */
        boolean ready();

        /** Hands a message to the stream; false when the stream is over. */
        boolean send(EdgeToC2 message);
    }

    private Telemetry waiting;
    private long replaced;

    /** Sends {@code sample} now if {@code stream} is ready, else keeps it as the newest (replacing the one kept). */
    public synchronized void offer(Stream stream, Telemetry sample) {
        if (waiting != null) {
            replaced++;
            waiting = withLogsOf(waiting, sample);
        } else {
            waiting = sample;
        }
        onReady(stream);
    }

    /**
     * {@code newer} carrying the agent log lines of the {@code replaced} sample before its own (the position is
     * stale, the log lines are not): at most {@link #MAX_LOG_LINES}, the oldest first, the rest counted.
     */
    private static Telemetry withLogsOf(Telemetry replaced, Telemetry newer) {
        if (replaced.getLogsCount() == 0 && replaced.getLogsDropped() == 0) {
            return newer;
        }
        List<AgentLogLine> lines = new ArrayList<>(replaced.getLogsList());
        lines.addAll(newer.getLogsList());
        int kept = Math.min(lines.size(), MAX_LOG_LINES);
        return newer.toBuilder().clearLogs().addAllLogs(lines.subList(0, kept))
                .setLogsDropped(replaced.getLogsDropped() + newer.getLogsDropped() + lines.size() - kept).build();
    }

    /** The stream may be ready again: sends the kept sample, if any and if it is. */
    public synchronized void onReady(Stream stream) {
        if (waiting != null && stream.ready() && stream.send(EdgeToC2.newBuilder().setTelemetry(waiting).build())) {
            waiting = null;
        }
    }

    /** Removes and returns the kept sample (null when none), e.g. to spool it when the stream ended. */
    public synchronized Telemetry take() {
        Telemetry out = waiting;
        waiting = null;
        return out;
    }

    /** Live samples replaced by a newer one before the stream was ready for them (never sent). */
    public synchronized long replaced() {
        return replaced;
    }
}
