package io.lockstep.edge.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.proto.link.LatestLiveSample;
import io.lockstep.proto.link.LiveCredit;
import io.lockstep.proto.v1.Telemetry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Live-sample credit on the sender, driven by hand: the test plays C2's Welcome and LiveSampleCredit messages. */
class LiveCreditTest {

    private final LatestLiveSample live = new LatestLiveSample();
    private final LiveCredit credit = new LiveCredit();
    /** A transport that is always ready. */
    private final HandStream transport = new HandStream(true);
    private final LatestLiveSample.Stream gated = credit.gate(transport);

    private void offer(long fromTick, long toTick) {
        for (long tick = fromTick; tick <= toTick; tick++) {
            live.offer(gated, Telemetry.newBuilder().setTick(tick).build());
        }
    }

    @Test
    void nothingGoesOutBeforeWelcomeThenTheNewest() {
        offer(1, 3);
        assertEquals(List.of(), transport.sent);
        credit.welcome(4);
        live.onReady(gated);
        assertEquals(List.of(3L), transport.sent);
        assertEquals(3, credit.held());
    }

    @Test
    void aWindowOfSamplesGoesOutThenOnlyTheNewestWaitsForCredit() {
        credit.welcome(4);
        offer(1, 10);
        assertEquals(List.of(1L, 2L, 3L, 4L), transport.sent, "the window, then no credit left");
        assertEquals(0, credit.held());
        assertEquals(5, live.replaced(), "5..9 replaced, 10 waits");

        credit.grant(2);
        live.onReady(gated);
        assertEquals(List.of(1L, 2L, 3L, 4L, 10L), transport.sent, "the newest, once credit came back");
        assertEquals(1, credit.held());
        offer(11, 12);
        assertEquals(List.of(1L, 2L, 3L, 4L, 10L, 11L), transport.sent);
    }

    @Test
    void aC2WithoutCreditLeavesLiveSamplesUnlimited() {
        credit.welcome(0);
        offer(1, 100);
        assertEquals(100, transport.sent.size());
        assertEquals(0, credit.window());
        credit.grant(5); // a stray grant changes nothing
        assertEquals(0, credit.held());
        assertTrue(credit.available());
    }

    @Test
    void hostileValuesFromC2AreClamped() {
        credit.welcome(-1); // 4,294,967,295 on the wire
        assertEquals(LiveCredit.MAX_WINDOW, credit.window());
        assertEquals(LiveCredit.MAX_WINDOW, credit.held());

        credit.welcome(3);
        offer(1, 3);
        credit.grant(-1); // 4,294,967,295 on the wire
        assertEquals(3, credit.held(), "never above the window");
        credit.grant(Integer.MAX_VALUE);
        credit.grant(Integer.MAX_VALUE);
        assertEquals(3, credit.held(), "no overflow");
        credit.grant(1000);
        offer(4, 100);
        assertEquals(6, transport.sent.size(), "three more, however much C2 claimed to return");
    }

    @Test
    void aSendThatFailsSpendsNoCredit() {
        credit.welcome(2);
        transport.over = true;
        offer(1, 1);
        assertEquals(2, credit.held());
        assertEquals(1, live.take().getTick(), "kept for the caller to spool");
        transport.over = false;
        offer(2, 2);
        assertEquals(List.of(2L), transport.sent);
        assertEquals(1, credit.held());
        assertNull(live.take());
    }
}
