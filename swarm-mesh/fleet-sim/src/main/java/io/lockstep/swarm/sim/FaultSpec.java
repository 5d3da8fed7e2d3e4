package io.lockstep.swarm.sim;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Which faults a run injects: per-message loss probability, the largest extra delivery delay in ticks
 * (a random delay per message, which also reorders), how many partitions and node crashes, and the
 * probability per tick that some node receives a forged or garbled message.
 * Written as {@code none}, {@code random} (drawn from the seed) or
 * {@code loss=0.1,delay=3,partitions=1,crashes=2,garbage=0.05}.
 */
public record FaultSpec(double loss, int maxDelayTicks, int partitions, int crashes, double garbage) {

    public FaultSpec {
        if (!(loss >= 0 && loss <= 0.5)) {
            throw new IllegalArgumentException("loss must be in 0..0.5");
        }
        if (maxDelayTicks < 0 || maxDelayTicks > 50) {
            throw new IllegalArgumentException("delay must be 0..50 ticks");
        }
        if (partitions < 0 || partitions > 10 || crashes < 0 || crashes > 10) {
            throw new IllegalArgumentException("partitions and crashes must be 0..10");
        }
        if (!(garbage >= 0 && garbage <= 1)) {
            throw new IllegalArgumentException("garbage must be in 0..1");
        }
    }

    public static FaultSpec none() {
        return new FaultSpec(0, 0, 0, 0, 0);
    }

    /** Random faults drawn from the seed. */
    public static FaultSpec random(long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5EEDFA17L);
        double[] losses = {0, 0.05, 0.2};
        double[] garbage = {0, 0.1};
        return new FaultSpec(losses[r.nextInt(3)], r.nextInt(5), r.nextInt(3), r.nextInt(3), garbage[r.nextInt(2)]);
    }

    /** Parses {@code none}, {@code random} or a comma-separated {@code key=value} list. */
    public static FaultSpec parse(String text, long seed) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("none")) {
            return none();
        }
        if (t.equals("random")) {
            return random(seed);
        }
        double loss = 0;
        int delay = 0;
        int partitions = 0;
        int crashes = 0;
        double garbage = 0;
        for (String part : t.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("fault '" + part + "' is not key=value");
            }
            try {
                switch (kv[0].strip()) {
                    case "loss" -> loss = Double.parseDouble(kv[1]);
                    case "delay" -> delay = Integer.parseInt(kv[1].strip());
                    case "partitions" -> partitions = Integer.parseInt(kv[1].strip());
                    case "crashes" -> crashes = Integer.parseInt(kv[1].strip());
                    case "garbage" -> garbage = Double.parseDouble(kv[1]);
                    default -> throw new IllegalArgumentException("unknown fault '" + kv[0]
                            + "' (loss, delay, partitions, crashes, garbage)");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fault '" + part + "' has no valid number");
            }
        }
        return new FaultSpec(loss, delay, partitions, crashes, garbage);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "loss=%s,delay=%d,partitions=%d,crashes=%d,garbage=%s", loss, maxDelayTicks,
                partitions, crashes, garbage);
    }
}
