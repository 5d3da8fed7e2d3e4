package io.lockstep.edge.mission;

import io.lockstep.proto.v1.LinkLossPolicy;
import java.util.function.LongSupplier;

/**
 * Decides when a mission's link-loss policy takes effect: once the link to C2 has been down for
 * {@code timeoutMillis} without interruption. CONTINUE never changes anything; HOLD and
 * RETURN_TO_BASE stay in effect until the link is back.
 */
public final class LinkLossMonitor {

    private final LinkLossPolicy policy;
    private final long timeoutMillis;
    private final LongSupplier clockMillis;
    private long downSince = -1;

    public LinkLossMonitor(LinkLossPolicy policy, long timeoutMillis, LongSupplier clockMillis) {
        this.policy = policy;
        this.timeoutMillis = Math.max(0, timeoutMillis);
        this.clockMillis = clockMillis;
    }

    /**
     * The policy in effect now given whether the link is up: {@link LinkLossPolicy#CONTINUE} while
     * the link is up or has been down for less than the timeout.
     */
    public synchronized LinkLossPolicy evaluate(boolean linkUp) {
        long now = clockMillis.getAsLong();
        if (linkUp) {
            downSince = -1;
            return LinkLossPolicy.CONTINUE;
        }
        if (downSince < 0) {
            downSince = now;
        }
        return now - downSince >= timeoutMillis ? policy : LinkLossPolicy.CONTINUE;
    }

    public LinkLossPolicy policy() {
        return policy;
    }
}
