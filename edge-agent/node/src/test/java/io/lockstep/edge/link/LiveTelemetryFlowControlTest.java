package io.lockstep.edge.link;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.testing.SlowReaderC2;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.Heartbeat;
import io.lockstep.proto.v1.Telemetry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link's live telemetry against a C2 that does not read (gRPC flow control): the node keeps only its newest
 * sample while the stream is not ready, instead of queueing every stale one behind the transport, and still
 * delivers every spooled sample.
 */
class LiveTelemetryFlowControlTest {

    /** Enough samples to fill any window and buffer many times over; the test fails if none is ever replaced. */
    private static final int MOST_SAMPLES = 200_000;

    @TempDir
    Path dir;

    private SlowReaderC2 c2;
    private C2Link link;

    @BeforeEach
    void startC2() throws Exception {
        c2 = new SlowReaderC2(1024);
    }

    @AfterEach
    void stop() throws Exception {
        TestLinks.close(link);
        c2.close();
    }

    private C2Link newLink() {
        // Heartbeats once a minute: nothing but the test's telemetry on the stream.
        LinkSettings settings = new LinkSettings("127.0.0.1", c2.port(), Optional.empty(), 60_000, 5_000, 20, 200)
                .withOnReadyThresholdBytes(256);
        return TestLinks.link(settings, dir, 100_000, () -> Heartbeat.newBuilder().build(), TestLinks.QUIET);
    }

    /** Sends live samples tick 1, 2, ... until the link has replaced {@code replaced} of them; returns the last tick. */
    private long sendUntilReplaced(long firstTick, long replaced) {
        long tick = firstTick;
        for (int i = 0; i < MOST_SAMPLES && link.liveSamplesReplaced() < replaced; i++) {
            link.sendTelemetry(sample(tick++));
        }
        assertTrue(link.liveSamplesReplaced() >= replaced,
                "a C2 that reads nothing made the node replace live samples, not queue " + MOST_SAMPLES + " of them");
        return tick - 1;
    }

    /** About the size of a real node's sample (~50 bytes on the wire). */
    private static Telemetry sample(long tick) {
        return Telemetry.newBuilder().setTick(tick).setXM(tick * 0.5).setYM(-tick * 0.25).setVxMps(1.5).setVyMps(-0.5)
                .setBatteryFraction(0.75).build();
    }

    private List<Telemetry> telemetry() {
        return c2.received().stream().filter(EdgeToC2::hasTelemetry).map(EdgeToC2::getTelemetry).toList();
    }

    /** The tick of the last telemetry C2 received so far, 0 before any. */
    private long lastTick() {
        List<Telemetry> got = telemetry();
        return got.isEmpty() ? 0 : got.get(got.size() - 1).getTick();
    }

    @Test
    void aSlowReaderMakesTheNodeReplaceStaleLiveSamplesAndGetTheNewestOnceItReads() {
        link = newLink();
        link.start();
        await("link up", () -> link.state() == LinkState.CONNECTED);

        long newest = sendUntilReplaced(1, 100);
        c2.readOn();
        await("the newest sample delivered", () -> lastTick() == newest);

        List<Long> ticks = telemetry().stream().map(Telemetry::getTick).toList();
        // In tick order, each at most once: whenever the stream was ready, the newest sample of that moment.
        assertEquals(1, ticks.get(0));
        for (int i = 1; i < ticks.size(); i++) {
            assertTrue(ticks.get(i) > ticks.get(i - 1), "delivered in tick order, none twice: " + ticks);
        }
        assertEquals(newest, ticks.size() + link.liveSamplesReplaced(),
                "each sample was either delivered or replaced by a newer one, none queued twice: " + ticks.size()
                        + " delivered, " + link.liveSamplesReplaced() + " replaced");
        assertTrue(ticks.size() < 200, "only about a window's worth went out, not all " + newest + ": " + ticks);
        assertFalse(telemetry().stream().anyMatch(Telemetry::getSpooled), "live samples are not spooled on a live link");
        assertEquals(0, link.spool().size());
    }

    @Test
    void spooledSamplesAreAllDeliveredInOrderToASlowReaderWhileLiveOnesAreReplaced() {
        link = newLink();
        int spooled = 2_000;
        for (int tick = 1; tick <= spooled; tick++) {
            // Recorded while the link was down (e.g. before a restart).
            link.spool().add(Telemetry.newBuilder().setTick(tick).build());
        }
        link.start();
        await("link up", () -> link.state() == LinkState.CONNECTED);

        long newest = sendUntilReplaced(spooled + 1, 10);
        c2.readOn();
        await("the newest live sample delivered", () -> lastTick() == newest);

        List<Telemetry> got = telemetry();
        List<Long> spooledTicks = got.stream().filter(Telemetry::getSpooled).map(Telemetry::getTick).toList();
        assertEquals(spooled, spooledTicks.size(), "every spooled sample delivered");
        for (int i = 0; i < spooled; i++) {
            assertEquals(i + 1, spooledTicks.get(i), "spooled samples in tick order");
        }
        for (int i = 0; i < spooled; i++) {
            assertTrue(got.get(i).getSpooled(), "spooled samples go before any live one");
        }
        assertEquals(0, link.spool().size());
        assertEquals(0, link.spool().dropped());
    }
}
