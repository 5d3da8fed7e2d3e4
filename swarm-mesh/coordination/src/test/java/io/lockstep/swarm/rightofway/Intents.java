package io.lockstep.swarm.rightofway;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/** Builders of intents for tests. */
final class Intents {

    private Intents() {
    }

    static Intent of(String node, long sequence, long time, int flags, int priority, ZoneClaim... claims) {
        return new Intent(node, sequence, time, time + 1_000, 473_977_000, 85_456_000, 1_500, -200, flags, priority,
                List.of(claims));
    }

    static ZoneClaim want(int zone) {
        return new ZoneClaim(zone, false);
    }

    static ZoneClaim in(int zone) {
        return new ZoneClaim(zone, true);
    }

    static Intent random(Random random, String node) {
        TreeSet<Integer> zones = new TreeSet<>();
        int count = random.nextInt(Intent.MAX_CLAIMS + 1);
        while (zones.size() < count) {
            zones.add(random.nextInt(1 << 20));
        }
        List<ZoneClaim> claims = new ArrayList<>();
        zones.forEach(z -> claims.add(new ZoneClaim(z, random.nextBoolean(), random.nextBoolean())));
        long time = random.nextLong() >>> 2;
        return new Intent(node, random.nextLong() >>> 1, time, time + 1 + random.nextInt((int) Intent.MAX_LEASE_MS),
                random.nextInt(), random.nextInt(), random.nextInt(), random.nextInt(), random.nextInt(8),
                random.nextInt(256), claims);
    }
}
