package io.lockstep.c2.plan;

import io.lockstep.c2.approval.PredictedPoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plan against reality for one mission (docs/dashboard.md, "Plan against reality"): each live sample of a node
 * is compared with where the approved simulation had that node at the same mission tick (linear between the
 * predicted points; before the first point at the first, after the last at the last, where its agents had
 * finished). A node is off its plan while that distance exceeds {@code thresholdM}; once it has stayed off for
 * {@code sustainTicks} ticks, one departure is reported, carrying the tick where it began. Coming back within the
 * threshold ends the episode, so a later departure is reported again. Samples older than the newest one seen for
 * the node are ignored (the link may redeliver).
 */
public final class PlanDeparture {

    /** A node off its plan: since {@code beganTick}, {@code offM} metres from its predicted position at {@code tick}. */
    public record Departure(String nodeId, String plannedAs, long beganTick, long tick, double offM, double predictedXM,
            double predictedYM, double actualXM, double actualYM, double thresholdM) {
    }

    private static final class Track {
        long lastTick = Long.MIN_VALUE;
        long beganTick = -1;
        boolean reported;
    }

    private final Map<String, List<PredictedPoint>> paths;
    private final Map<String, String> plannedAs;
    private final double thresholdM;
    private final long sustainTicks;
    private final Map<String, Track> tracks = new HashMap<>();

    /**
     * @param paths live node id → its predicted path (tick order)
     * @param plannedAs live node id → the simulated node whose path it is (the same id when the fleet's ids match)
     */
    public PlanDeparture(Map<String, List<PredictedPoint>> paths, Map<String, String> plannedAs, double thresholdM,
            long sustainTicks) {
        if (!(thresholdM > 0) || sustainTicks < 0) {
            throw new IllegalArgumentException("thresholdM must be positive and sustainTicks >= 0");
        }
        this.paths = Map.copyOf(paths);
        this.plannedAs = Map.copyOf(plannedAs);
        this.thresholdM = thresholdM;
        this.sustainTicks = sustainTicks;
    }

    public boolean follows(String nodeId) {
        return paths.containsKey(nodeId);
    }

    /** Feeds one live sample; a departure the first time the node has been off its plan for long enough. */
    public synchronized Optional<Departure> sample(String nodeId, long tick, double xM, double yM) {
        List<PredictedPoint> path = paths.get(nodeId);
        if (path == null || path.isEmpty() || !Double.isFinite(xM) || !Double.isFinite(yM)) {
            return Optional.empty();
        }
        Track track = tracks.computeIfAbsent(nodeId, n -> new Track());
        if (tick <= track.lastTick) {
            return Optional.empty();
        }
        track.lastTick = tick;
        double[] predicted = predictedAt(path, tick);
        double off = Math.hypot(xM - predicted[0], yM - predicted[1]);
        if (off <= thresholdM) {
            track.beganTick = -1;
            track.reported = false;
            return Optional.empty();
        }
        if (track.beganTick < 0) {
            track.beganTick = tick;
        }
        if (track.reported || tick - track.beganTick < sustainTicks) {
            return Optional.empty();
        }
        track.reported = true;
        return Optional.of(new Departure(nodeId, plannedAs.getOrDefault(nodeId, nodeId), track.beganTick, tick, off, predicted[0], predicted[1], xM, yM,
                thresholdM));
    }

    /** Where the path has the node at {@code tick}: linear between points, clamped to its ends. */
    static double[] predictedAt(List<PredictedPoint> path, long tick) {
        PredictedPoint first = path.get(0);
        if (tick <= first.tick()) {
            return new double[] {first.xM(), first.yM()};
        }
        PredictedPoint last = path.get(path.size() - 1);
        if (tick >= last.tick()) {
            return new double[] {last.xM(), last.yM()};
        }
        int lo = 0;
        int hi = path.size() - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (path.get(mid).tick() <= tick) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        PredictedPoint a = path.get(lo);
        PredictedPoint b = path.get(hi);
        double f = (double) (tick - a.tick()) / (b.tick() - a.tick());
        return new double[] {a.xM() + f * (b.xM() - a.xM()), a.yM() + f * (b.yM() - a.yM())};
    }
}
