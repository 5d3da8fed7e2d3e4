package io.lockstep.swarm.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The concrete fault events of one run, drawn from the seed: partition windows (which side each node is
 * on) and crash windows (a node down from {@code at} until {@code restartAt}, or for good when -1). One
 * node, chosen by the seed, never crashes, so the fleet always has a survivor.
 */
public record FaultPlan(FaultSpec spec, List<Partition> partitions, List<Crash> crashes) {

    public record Partition(long start, long end, boolean[] sideB) {
        public boolean separates(int a, int b) {
            return sideB[a] != sideB[b];
        }
    }

    public record Crash(int node, long at, long restartAt) {
        public boolean permanent() {
            return restartAt < 0;
        }
    }

    public FaultPlan {
        partitions = List.copyOf(partitions);
        crashes = List.copyOf(crashes);
    }

    /** Faults start within {@code window} ticks, so that the run has a quiet end to reconverge in. */
    public static FaultPlan draw(FaultSpec spec, long seed, int nodes, long window) {
        SplittableRandom r = new SplittableRandom(seed ^ 0xFA171L);
        List<Partition> partitions = new ArrayList<>();
        if (nodes >= 2) {
            for (int i = 0; i < spec.partitions(); i++) {
                long start = 5 + r.nextLong(window);
                long end = start + 10 + r.nextLong(window / 2 + 1);
                boolean[] side = new boolean[nodes];
                int onB = 0;
                for (int n = 0; n < nodes; n++) {
                    side[n] = r.nextBoolean();
                    onB += side[n] ? 1 : 0;
                }
                if (onB == 0 || onB == nodes) {
                    side[r.nextInt(nodes)] ^= true;
                }
                partitions.add(new Partition(start, end, side));
            }
        }
        List<Crash> crashes = new ArrayList<>();
        if (nodes >= 2) {
            int survivor = r.nextInt(nodes);
            for (int i = 0; i < spec.crashes(); i++) {
                int node = r.nextInt(nodes - 1);
                if (node >= survivor) {
                    node++;
                }
                long at = 5 + r.nextLong(window);
                long restart = r.nextInt(4) == 0 ? -1 : at + 5 + r.nextLong(window / 2 + 1);
                crashes.add(new Crash(node, at, restart));
            }
        }
        return new FaultPlan(spec, partitions, crashes);
    }

    /** The tick of the last fault event (a partition heal, a crash or a restart); 0 without faults. */
    public long lastFaultTick() {
        long last = 0;
        for (Partition p : partitions) {
            last = Math.max(last, p.end());
        }
        for (Crash c : crashes) {
            last = Math.max(last, Math.max(c.at(), c.restartAt()));
        }
        return last;
    }

    /** True when some partition separates {@code a} and {@code b} at {@code tick}. */
    public boolean partitioned(int a, int b, long tick) {
        for (Partition p : partitions) {
            if (tick >= p.start() && tick < p.end() && p.separates(a, b)) {
                return true;
            }
        }
        return false;
    }
}
