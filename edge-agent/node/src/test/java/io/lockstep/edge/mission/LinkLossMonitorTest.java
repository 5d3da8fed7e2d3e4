package io.lockstep.edge.mission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lockstep.proto.v1.LinkLossPolicy;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LinkLossMonitorTest {

    @Test
    void policyAppliesOnlyAfterTheTimeoutAndEndsWithTheLinkBack() {
        AtomicLong now = new AtomicLong(1_000);
        LinkLossMonitor m = new LinkLossMonitor(LinkLossPolicy.HOLD, 500, now::get);
        assertEquals(LinkLossPolicy.CONTINUE, m.evaluate(true));
        assertEquals(LinkLossPolicy.CONTINUE, m.evaluate(false));
        now.addAndGet(499);
        assertEquals(LinkLossPolicy.CONTINUE, m.evaluate(false));
        now.addAndGet(1);
        assertEquals(LinkLossPolicy.HOLD, m.evaluate(false));
        assertEquals(LinkLossPolicy.CONTINUE, m.evaluate(true));
        now.addAndGet(10_000);
        assertEquals(LinkLossPolicy.CONTINUE, m.evaluate(false), "the outage clock restarts after the link was up");
    }

    @Test
    void continueNeverChangesAnything() {
        AtomicLong now = new AtomicLong();
        LinkLossMonitor m = new LinkLossMonitor(LinkLossPolicy.CONTINUE, 0, now::get);
        m.evaluate(false);
        now.addAndGet(1_000_000);
        assertEquals(LinkLossPolicy.CONTINUE, m.evaluate(false));
    }
}
