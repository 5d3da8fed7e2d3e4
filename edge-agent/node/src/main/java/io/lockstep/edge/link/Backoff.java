package io.lockstep.edge.link;

import java.util.random.RandomGenerator;

/**
 * Reconnection delays: exponential growth from {@code initialMillis} up to {@code maxMillis}, with
 * "equal jitter" (half the delay fixed, half random) so that a fleet that lost C2 at the same moment
 * does not reconnect in lockstep, while no node ever retries sooner than half the nominal delay.
 */
public final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final RandomGenerator random;
    private int attempt;

    public Backoff(long initialMillis, long maxMillis, RandomGenerator random) {
        if (initialMillis < 1 || maxMillis < initialMillis) {
            throw new IllegalArgumentException(
                    "backoff needs 1 <= initial <= max, got initial=" + initialMillis + " max=" + maxMillis);
        }
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
        this.random = random;
    }

    /** The delay before the next attempt; each call counts as one more failed attempt. */
    public synchronized long nextDelayMillis() {
        long nominal = nominal(attempt);
        if (attempt < 62) {
            attempt++;
        }
        long half = nominal / 2;
        return half + random.nextLong(nominal - half + 1);
    }

    private long nominal(int n) {
        // initial * 2^n, saturating at max without overflowing.
        if (n >= 62 || initialMillis > (maxMillis >> Math.min(n, 62))) {
            return maxMillis;
        }
        return Math.min(maxMillis, initialMillis << n);
    }

    /** Called after a successful session: the next failure starts from the initial delay again. */
    public synchronized void reset() {
        attempt = 0;
    }
}
