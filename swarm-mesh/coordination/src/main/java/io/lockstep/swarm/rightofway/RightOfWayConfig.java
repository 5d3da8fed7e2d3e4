package io.lockstep.swarm.rightofway;

/**
 * Timing of the right-of-way protocol, all in the caller's milliseconds.
 *
 * @param leaseMs how long an intent (and its claims) holds after it is sent; a node announces well within it
 * @param settleMs how long a node must have had a zone before it enters it: more than twice the announcement
 *        period plus the largest message delay, so a concurrent claim of a higher-priority node is seen first
 * @param waitTimeoutMs a wait (hold or retreat) longer than this raises one {@link WaitAlert}
 * @param maxPeers most peers tracked (inbox slots and intents)
 */
public record RightOfWayConfig(long leaseMs, long settleMs, long waitTimeoutMs, int maxPeers) {

    public RightOfWayConfig {
        if (leaseMs < 1 || leaseMs > Intent.MAX_LEASE_MS || settleMs < 0 || waitTimeoutMs < 1 || maxPeers < 1) {
            throw new IllegalArgumentException("invalid right-of-way config " + leaseMs + "/" + settleMs + "/"
                    + waitTimeoutMs + "/" + maxPeers);
        }
    }

    /** Defaults for a node: 2 s lease, 600 ms settle, 30 s wait timeout, 256 peers. */
    public static RightOfWayConfig defaults() {
        return new RightOfWayConfig(2_000, 600, 30_000, 256);
    }
}
