package io.lockstep.edge.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lockstep.proto.link.LatestLiveSample;
import io.lockstep.proto.v1.AgentLogLine;
import io.lockstep.proto.v1.Telemetry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Latest wins, driven by hand: the test says when the stream is ready and calls onReady itself. */
class LatestLiveSampleTest {

    private static Telemetry sample(long tick) {
        return Telemetry.newBuilder().setTick(tick).build();
    }

    @Test
    void aReadyStreamGetsEverySampleAtOnce() {
        LatestLiveSample live = new LatestLiveSample();
        HandStream stream = new HandStream(true);
        for (long tick = 1; tick <= 3; tick++) {
            live.offer(stream, sample(tick));
        }
        assertEquals(List.of(1L, 2L, 3L), stream.sent);
        assertEquals(0, live.replaced());
        assertNull(live.take());
    }

    @Test
    void whileNotReadyOnlyTheNewestWaitsAndGoesOutOnReady() {
        LatestLiveSample live = new LatestLiveSample();
        HandStream stream = new HandStream(true);
        live.offer(stream, sample(1));
        stream.ready = false;
        for (long tick = 2; tick <= 10; tick++) {
            live.offer(stream, sample(tick));
        }
        assertEquals(List.of(1L), stream.sent);
        assertEquals(8, live.replaced(), "2..9 replaced, 10 waits");

        live.onReady(stream); // a spurious onReady while still not ready sends nothing
        assertEquals(List.of(1L), stream.sent);
        stream.ready = true;
        live.onReady(stream);
        assertEquals(List.of(1L, 10L), stream.sent);
        live.onReady(stream);
        assertEquals(List.of(1L, 10L), stream.sent, "sent once");
        assertNull(live.take());
    }

    @Test
    void theLogLinesOfAReplacedSampleRideOnTheOneThatReplacesItOrAreCounted() {
        LatestLiveSample live = new LatestLiveSample();
        HandStream stream = new HandStream(false);
        live.offer(stream, sample(1).toBuilder().addLogs(line(1, "a")).addLogs(line(1, "b")).setLogsDropped(3).build());
        Telemetry.Builder second = sample(2).toBuilder();
        for (int i = 0; i < LatestLiveSample.MAX_LOG_LINES; i++) {
            second.addLogs(line(2, "c" + i));
        }
        live.offer(stream, second.build());
        live.offer(stream, sample(3));

        Telemetry kept = live.take();
        assertEquals(3, kept.getTick());
        assertEquals(List.of("a", "b", "c0", "c1", "c2", "c3", "c4", "c5"),
                kept.getLogsList().stream().map(AgentLogLine::getMessage).toList(), "oldest lines first");
        assertEquals(3 + 2, kept.getLogsDropped(), "the 3 dropped before, and c6, c7 over the bound");
        assertEquals(2, live.replaced());
    }

    private static AgentLogLine line(long tick, String message) {
        return AgentLogLine.newBuilder().setTick(tick).setAgent("scout").setLevel("INFO").setMessage(message).build();
    }

    @Test
    void aSampleThatCouldNotBeSentIsKeptForTheCallerToSpool() {
        LatestLiveSample live = new LatestLiveSample();
        HandStream stream = new HandStream(true);
        stream.over = true; // ended under the send
        live.offer(stream, sample(7));
        assertEquals(7, live.take().getTick());
        assertNull(live.take());
        assertEquals(0, live.replaced());
    }
}
