package io.lockstep.swarm.sim.rightofway;

import io.lockstep.platform.geometry.Vec2;
import io.lockstep.swarm.rightofway.Intent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * One seeded run's world: the conflict zones, each vehicle's lane, departure, speed, payload and mission
 * priority, message delays, and the scenario's fault (a death, a partition). Everything comes from the seed.
 */
record RowSetup(RowScenario scenario, long seed, List<ConflictZone> zones, List<VehicleSpec> vehicles,
        int maxDelayTicks, String dies, int partitionStart, int partitionEnd, Set<String> partitionSide) {

    record VehicleSpec(String nodeId, LanePath path, int departTick, double maxSpeedMps, int flags, int priority) {
    }

    static RowSetup of(RowScenario scenario, long seed) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + scenario.ordinal());
        List<String> ids = new ArrayList<>(List.of("alpha", "bravo", "charlie", "delta"));
        Collections.shuffle(ids, random);
        int maxDelay = random.nextInt(3);
        return switch (scenario) {
            case HEAD_ON_CORRIDOR -> {
                // The shared segment (-4,0)..(44,0) is one vehicle wide; the zone takes in the funnels at both ends
                // so that a vehicle holding at the zone's edge is clear of the other one leaving it.
                ConflictZone corridor = new ConflictZone(1, -12, -6, 52, 6);
                double w = 20 + random.nextDouble() * 25;
                double e = 20 + random.nextDouble() * 25;
                LanePath west = new LanePath(List.of(new Vec2(-4 - w, 12 * w / 26), new Vec2(-4, 0), new Vec2(44, 0),
                        new Vec2(70, 12)));
                LanePath east = new LanePath(List.of(new Vec2(44 + e, -12 * e / 26), new Vec2(44, 0), new Vec2(-4, 0),
                        new Vec2(-30, -12)));
                yield new RowSetup(scenario, seed, List.of(corridor),
                        List.of(vehicle(random, ids.get(0), west), vehicle(random, ids.get(1), east)),
                        maxDelay, null, -1, -1, Set.of());
            }
            case FOUR_WAY_CROSSING, PARTITION_CROSSING -> {
                List<VehicleSpec> vehicles = new ArrayList<>();
                List<LanePath> lanes = crossingLanes(random);
                for (int i = 0; i < 4; i++) {
                    vehicles.add(vehicle(random, ids.get(i), lanes.get(i)));
                }
                int start = -1;
                int end = -1;
                Set<String> side = Set.of();
                if (scenario == RowScenario.PARTITION_CROSSING) {
                    start = 20 + random.nextInt(60);
                    end = start + 30 + random.nextInt(70);
                    TreeSet<String> left = new TreeSet<>();
                    int size = 1 + random.nextInt(3);
                    List<String> shuffled = new ArrayList<>(ids);
                    Collections.shuffle(shuffled, random);
                    left.addAll(shuffled.subList(0, size));
                    side = left;
                }
                yield new RowSetup(scenario, seed, List.of(intersection()), vehicles, maxDelay, null, start, end, side);
            }
            case DEAD_CLAIM -> {
                List<LanePath> lanes = crossingLanes(random);
                // the dying node carries a payload, so it has the intersection whenever both claim it
                VehicleSpec dying = new VehicleSpec(ids.get(0), lanes.get(3), random.nextInt(10),
                        3 + random.nextDouble() * 3, Intent.CARRYING_PAYLOAD, random.nextInt(3));
                VehicleSpec survivor = new VehicleSpec(ids.get(1), lanes.get(1), random.nextInt(10),
                        3 + random.nextDouble() * 3, 0, random.nextInt(3));
                yield new RowSetup(scenario, seed, List.of(intersection()), List.of(dying, survivor), maxDelay,
                        dying.nodeId(), -1, -1, Set.of());
            }
        };
    }

    private static ConflictZone intersection() {
        return new ConflictZone(7, -8, -8, 8, 8);
    }

    /** Right-hand lanes 6 m apart: north to south, south to north, east to west, west to east. */
    private static List<LanePath> crossingLanes(Random random) {
        double[] d = new double[4];
        for (int i = 0; i < 4; i++) {
            d[i] = 15 + random.nextDouble() * 25;
        }
        return List.of(
                new LanePath(List.of(new Vec2(3, d[0]), new Vec2(3, -60))),
                new LanePath(List.of(new Vec2(-3, -d[1]), new Vec2(-3, 60))),
                new LanePath(List.of(new Vec2(d[2], 3), new Vec2(-60, 3))),
                new LanePath(List.of(new Vec2(-d[3], -3), new Vec2(60, -3))));
    }

    private static VehicleSpec vehicle(Random random, String id, LanePath path) {
        return new VehicleSpec(id, path, random.nextInt(20), 3 + random.nextDouble() * 3,
                random.nextInt(4) == 0 ? Intent.CARRYING_PAYLOAD : 0, random.nextInt(3));
    }

    boolean partitioned(int tick, String a, String b) {
        return tick >= partitionStart && tick < partitionEnd && partitionSide.contains(a) != partitionSide.contains(b);
    }
}
