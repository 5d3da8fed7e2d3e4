package io.lockstep.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.cli.fleet.EdgeNodeProcess;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Watches where the demo's vehicles are while the mission runs (each node's debug port, every
 * {@value #PERIOD_MS} ms) and keeps the smallest distance between two of them. The vehicles start side by side
 * at the base and fan out to their cells, so their paths cross right there; right of way
 * (docs/right-of-way.md) orders them through, and each node's separation guard keeps its vehicle at the safety
 * distance from the others' announced positions. Adds {@code right_of_way_yields} (the nodes' supervisor
 * {@code SWARM_YIELD} interventions), {@code separation_holds} ({@code SEPARATION_HOLD} interventions),
 * {@code min_separation_m} and, in {@code min_separation}, when and between whom it occurred to summary.json.
 */
final class RightOfWayWatch implements AutoCloseable {

    static final int PERIOD_MS = 50;

    private final List<EdgeNodeProcess> nodes;
    private final Thread thread;
    private volatile boolean running = true;
    private final long startedNanos = System.nanoTime();
    private volatile double minSeparationM = Double.POSITIVE_INFINITY;
    private volatile Closest closest;
    private volatile long samples;

    /** One node's sample: its vehicle's (noise-free) position and the tick of the last sensor frame. */
    record Fix(String node, double xM, double yM, long tick) {
    }

    /** Where the minimum occurred: the two nodes' samples and when, in ms since the mission was dispatched. */
    record Closest(double distanceM, long msSinceDispatch, Fix first, Fix second) {
    }

    private RightOfWayWatch(List<EdgeNodeProcess> nodes) {
        this.nodes = List.copyOf(nodes);
        this.thread = new Thread(this::watch, "demo-right-of-way-watch");
        thread.setDaemon(true);
    }

    static RightOfWayWatch start(List<EdgeNodeProcess> nodes) {
        RightOfWayWatch watch = new RightOfWayWatch(nodes);
        watch.thread.start();
        return watch;
    }

    private void watch() {
        while (running) {
            long at = System.nanoTime();
            List<Fix> positions = new ArrayList<>();
            for (EdgeNodeProcess node : nodes) {
                try {
                    if (!node.process().isAlive()) {
                        continue;
                    }
                    JsonNode t = node.debug().telemetry();
                    if (!t.path("missionId").asText("").isEmpty()) {
                        positions.add(new Fix(node.id(), t.path("vehicle").path("xM").asDouble(),
                                t.path("vehicle").path("yM").asDouble(), t.path("lastFrame").path("tick").asLong(-1)));
                    }
                } catch (RuntimeException unreachable) {
                    // a node being killed or restarted: no sample from it this round
                }
            }
            for (int i = 0; i < positions.size(); i++) {
                for (int j = i + 1; j < positions.size(); j++) {
                    Fix a = positions.get(i);
                    Fix b = positions.get(j);
                    double d = Math.hypot(a.xM() - b.xM(), a.yM() - b.yM());
                    if (d < minSeparationM) {
                        minSeparationM = d;
                        closest = new Closest(d, (at - startedNanos) / 1_000_000, a, b);
                    }
                }
            }
            if (positions.size() > 1) {
                samples++;
            }
            try {
                Thread.sleep(PERIOD_MS); // a sampling period, not a wait for a condition
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }

    /** Adds the right-of-way figures to summary.json and prints them. */
    void addTo(ObjectNode root, List<NodeResult> results, PrintStream console) {
        long yields = results.stream().mapToLong(r -> r.interventions().getOrDefault("SWARM_YIELD", 0L)).sum();
        long holds = results.stream().mapToLong(r -> r.interventions().getOrDefault("SEPARATION_HOLD", 0L)).sum();
        root.put("right_of_way_yields", yields);
        root.put("separation_holds", holds);
        Closest c = closest;
        if (c != null) {
            root.put("min_separation_m", round2(c.distanceM()));
            ObjectNode where = root.putObject("min_separation");
            where.put("distance_m", round2(c.distanceM()));
            where.put("ms_since_dispatch", c.msSinceDispatch());
            for (Fix f : List.of(c.first(), c.second())) {
                where.withArray("nodes").addObject().put("node", f.node()).put("x_m", round2(f.xM()))
                        .put("y_m", round2(f.yM())).put("tick", f.tick());
            }
        } else {
            root.putNull("min_separation_m");
            root.putNull("min_separation");
        }
        root.put("min_separation_samples", samples);
        console.printf(Locale.ROOT, "  right of way: %d yields, %d separation holds, minimum separation %s (%d samples "
                + "every %d ms)%n", yields, holds, c == null ? "not measured" : describe(c), samples, PERIOD_MS);
    }

    static String describe(Closest c) {
        return String.format(Locale.ROOT, "%.2f m between %s at (%.1f, %.1f) tick %d and %s at (%.1f, %.1f) tick %d, "
                + "%.1f s after dispatch", c.distanceM(), c.first().node(), c.first().xM(), c.first().yM(),
                c.first().tick(), c.second().node(), c.second().xM(), c.second().yM(), c.second().tick(),
                c.msSinceDispatch() / 1000.0);
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
