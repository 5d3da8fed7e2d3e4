package io.lockstep.swarm.separation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Point vehicles (8 m/s like the demo's survey, 3 m/s², 20 ms ticks, 0.2 m position noise) that each drive straight to a target and
 * announce where they are every 200 ms, delivered a tick later; each runs the guard on what it heard. Paths that
 * would pass closer than 2 m (head-on, offset, crossing, past a standing vehicle): with the guard none comes
 * closer than the safety distance, and everybody arrives (no deadlock).
 */
class GuardedVehiclesTest {

    private static final double DT = 0.02;
    private static final int ANNOUNCE_EVERY = 10;
    private static final double SPEED = 8.0;
    private static final double ACCEL = 3.0;
    private static final int MAX_TICKS = 6_000;

    private static final class Car {
        final String id;
        final double tx;
        final double ty;
        double x;
        double y;
        double vx;
        double vy;
        final List<PeerFix> heard = new ArrayList<>();
        int arrivedTick = -1;

        Car(String id, double x, double y, double tx, double ty) {
            this.id = id;
            this.x = x;
            this.y = y;
            this.tx = tx;
            this.ty = ty;
        }
    }

    private record Announcement(Car from, double x, double y, double vx, double vy, int tick) {
    }

    private record Outcome(double minSeparation, boolean allArrived, long interventions) {
    }


    private static Outcome run(List<Car> cars, boolean guarded, long seed) {
        SeparationGuard guard = new SeparationGuard(SeparationConfig.defaults(ACCEL));
        Random noise = new Random(seed);
        List<Announcement> last = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        long interventions = 0;
        for (int tick = 0; tick < MAX_TICKS && cars.stream().anyMatch(c -> c.arrivedTick < 0); tick++) {
            if (tick % ANNOUNCE_EVERY == 0) {
                last.removeIf(a -> true);
                for (Car c : cars) {
                    last.add(new Announcement(c, c.x + 0.2 * noise.nextGaussian(), c.y + 0.2 * noise.nextGaussian(),
                            c.vx, c.vy, tick));
                }
            }
            for (Car c : cars) {
                double dx = c.tx - c.x;
                double dy = c.ty - c.y;
                double d = Math.hypot(dx, dy);
                if (d < 0.3 && c.arrivedTick < 0) {
                    c.arrivedTick = tick;
                }
                double want = c.arrivedTick >= 0 ? 0 : Math.min(SPEED, Math.sqrt(2 * ACCEL * d));
                double rx = d < 1e-9 ? 0 : dx / d * want;
                double ry = d < 1e-9 ? 0 : dy / d * want;
                if (guarded) {
                    List<PeerFix> fixes = new ArrayList<>();
                    for (Announcement a : last) {
                        if (a.from() != c && tick > a.tick()) { // delivered one tick after it was sent
                            fixes.add(new PeerFix(a.from().id, a.x(), a.y(), a.vx(), a.vy(),
                                    (long) Math.round((tick - a.tick()) * DT * 1000), a.from().id.compareTo(c.id) < 0));
                        }
                    }
                    GuardVerdict v = guard.apply(c.x + 0.2 * noise.nextGaussian(), c.y + 0.2 * noise.nextGaussian(),
                            rx, ry, fixes, DT);
                    rx = v.vxMps();
                    ry = v.vyMps();
                    interventions += v.acted() ? 1 : 0;
                }
                double cx = rx - c.vx;
                double cy = ry - c.vy;
                double change = Math.hypot(cx, cy);
                double limit = ACCEL * DT;
                if (change > limit) {
                    cx *= limit / change;
                    cy *= limit / change;
                }
                double nvx = c.vx + cx;
                double nvy = c.vy + cy;
                c.x += (c.vx + nvx) * DT / 2;
                c.y += (c.vy + nvy) * DT / 2;
                c.vx = nvx;
                c.vy = nvy;
            }
            for (int i = 0; i < cars.size(); i++) {
                for (int j = i + 1; j < cars.size(); j++) {
                    min = Math.min(min, Math.hypot(cars.get(i).x - cars.get(j).x, cars.get(i).y - cars.get(j).y));
                }
            }
        }
        return new Outcome(min, cars.stream().allMatch(c -> c.arrivedTick >= 0), interventions);
    }

    private static List<Car> headOn(double offset) {
        return List.of(new Car("node-1", 0, 0, 30, 0), new Car("node-2", 30, offset, 0, offset));
    }

    @Test
    void headOnVehiclesWouldCollideWithoutTheGuardAndKeepTheSafetyDistanceWithIt() {
        for (double offset : new double[] {0.0, 0.5, 1.0, 1.9}) {
            Outcome bare = run(headOn(offset), false, 1);
            assertTrue(bare.minSeparation() < 2.0, "the scenario must be one that comes too close: " + bare);
            Outcome guarded = run(headOn(offset), true, 1);
            assertTrue(guarded.minSeparation() >= 2.0, "offset " + offset + ": " + guarded);
            assertTrue(guarded.allArrived(), "offset " + offset + ": deadlock " + guarded);
        }
    }

    @Test
    void aVehiclePassingAStandingOneGoesAroundIt() {
        for (String standing : new String[] {"node-1", "node-3"}) { // ranked above and below the passer
            List<Car> cars = List.of(new Car("node-2", 0, 0, 30, 0), new Car(standing, 15, 0.3, 15, 0.3));
            Outcome guarded = run(cars, true, 2);
            assertTrue(guarded.minSeparation() >= 2.0, standing + ": " + guarded);
            assertTrue(guarded.allArrived(), standing + ": " + guarded);
        }
    }

    @Test
    void seededCrossingsOfThreeVehiclesNeverComeCloserThanTheSafetyDistanceNorDeadlock() {
        int tooCloseWithout = 0;
        for (long seed = 1; seed <= 200; seed++) {
            List<Car> cars = cross(seed);
            List<Car> copy = cars.stream().map(c -> new Car(c.id, c.x, c.y, c.tx, c.ty)).toList();
            if (run(copy, false, seed).minSeparation() < 2.0) {
                tooCloseWithout++;
            }
            Outcome guarded = run(cars, true, seed);
            assertTrue(guarded.minSeparation() >= 2.0, "seed " + seed + ": " + guarded);
            assertTrue(guarded.allArrived(), "seed " + seed + ": deadlock " + guarded);
        }
        assertTrue(tooCloseWithout > 100, "most seeds must come too close without the guard: " + tooCloseWithout);
    }

    /** Three vehicles on a circle of 12 to 18 m, roughly 120 degrees apart, each driving across it. */
    private static List<Car> cross(long seed) {
        Random r = new Random(seed);
        double a = r.nextDouble() * Math.PI * 2;
        List<Car> cars = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            double angle = a + k * (2 * Math.PI / 3) + (r.nextDouble() - 0.5);
            double radius = 12 + r.nextDouble() * 6;
            double jitter = (r.nextDouble() - 0.5) * 3;
            cars.add(new Car("node-" + (k + 1), radius * Math.cos(angle), radius * Math.sin(angle),
                    -radius * Math.cos(angle) + jitter, -radius * Math.sin(angle) - jitter));
        }
        return cars;
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        assertEquals(run(headOn(0.5), true, 7), run(headOn(0.5), true, 7));
    }
}
