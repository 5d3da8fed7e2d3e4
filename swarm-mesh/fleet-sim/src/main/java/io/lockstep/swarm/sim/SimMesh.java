package io.lockstep.swarm.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The simulated mesh: every message is delivered at the tick its seeded random delay puts it at (so
 * messages reorder), unless the seeded loss drops it or the two nodes cannot reach each other (a
 * partition, a node down) when it is sent or when it arrives. Delivery order within a tick is
 * (delivery tick, send sequence): fully determined by the seed.
 */
final class SimMesh {

    enum Kind { COVERAGE, DIGEST, ANNOUNCEMENT }

    record Envelope(long deliverAt, long seq, int from, int to, Kind kind, byte[] payload) {
    }

    interface Reachability {
        boolean connected(int a, int b, long tick);
    }

    private final PriorityQueue<Envelope> inFlight = new PriorityQueue<>(SimMesh::deliveryOrder);
    private final SplittableRandom random;
    private final FaultSpec faults;
    private final Reachability reachability;
    private long seq;
    long sent;
    long lost;
    long delivered;

    SimMesh(long seed, FaultSpec faults, Reachability reachability) {
        this.random = new SplittableRandom(seed ^ 0x3E5L);
        this.faults = faults;
        this.reachability = reachability;
    }

    private static int deliveryOrder(Envelope a, Envelope b) {
        int byTick = Long.compare(a.deliverAt(), b.deliverAt());
        return byTick != 0 ? byTick : Long.compare(a.seq(), b.seq());
    }

    /** Sends to one node; {@code lossy} false for query replies (Zenoh queries are retried until answered). */
    void send(int from, int to, Kind kind, byte[] payload, long now, boolean lossy) {
        sent++;
        // draw both numbers for every message so the stream of draws does not depend on reachability
        boolean drop = random.nextDouble() < faults.loss();
        int delay = faults.maxDelayTicks() == 0 ? 0 : random.nextInt(faults.maxDelayTicks() + 1);
        if (!reachability.connected(from, to, now) || (lossy && drop)) {
            lost++;
            return;
        }
        inFlight.add(new Envelope(now + 1 + delay, seq++, from, to, kind, payload));
    }

    /** Messages due at {@code now} that can still reach their destination, in delivery order. */
    List<Envelope> due(long now) {
        List<Envelope> out = new ArrayList<>();
        while (!inFlight.isEmpty() && inFlight.peek().deliverAt() <= now) {
            Envelope e = inFlight.poll();
            if (reachability.connected(e.from(), e.to(), now)) {
                out.add(e);
                delivered++;
            } else {
                lost++;
            }
        }
        return out;
    }
}
