package io.lockstep.swarm.sim;

import io.lockstep.platform.geometry.Vec2;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each simulated node's flown path, downsampled for the simulation result: one point every
 * {@code everyTicks} ticks (about a second of mission time), at most {@code maxPoints} per node. When a path
 * outgrows the cap every other point is dropped and the stride doubles, so a long mission keeps its whole
 * path at a coarser step; the last position is always added at the end.
 */
final class PredictedPaths {

    /** One sample: simulated tick and local position (metres, the mission's frame). */
    record Point(long tick, double x, double y) {
    }

    private final long baseEvery;
    private final int maxPoints;
    private final Map<String, Track> tracks = new LinkedHashMap<>();

    PredictedPaths(long everyTicks, int maxPoints) {
        if (everyTicks < 1 || maxPoints < 4) {
            throw new IllegalArgumentException("everyTicks >= 1 and maxPoints >= 4");
        }
        this.baseEvery = everyTicks;
        this.maxPoints = maxPoints;
    }

    private final class Track {
        final List<Point> points = new ArrayList<>();
        long every = baseEvery;
        Point last;

        void offer(long tick, Vec2 p) {
            last = new Point(tick, p.x(), p.y());
            if (tick % every != 0) {
                return;
            }
            points.add(last);
            if (points.size() > maxPoints) {
                every *= 2;
                points.removeIf(q -> q.tick() % every != 0);
            }
        }

        List<Point> finished() {
            List<Point> out = new ArrayList<>(points);
            if (last != null && (out.isEmpty() || out.get(out.size() - 1).tick() != last.tick())) {
                out.add(last);
            }
            return List.copyOf(out);
        }
    }

    void record(String node, long tick, Vec2 position) {
        tracks.computeIfAbsent(node, n -> new Track()).offer(tick, position);
    }

    /** Node id → its points in tick order (node order as first recorded). */
    Map<String, List<Point>> paths() {
        Map<String, List<Point>> out = new LinkedHashMap<>();
        tracks.forEach((node, track) -> out.put(node, track.finished()));
        return out;
    }
}
