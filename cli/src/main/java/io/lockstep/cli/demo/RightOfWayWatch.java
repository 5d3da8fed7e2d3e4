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
 * (docs/right-of-way.md) orders them through. Adds {@code right_of_way_yields} (the nodes' supervisor
 * {@code SWARM_YIELD} interventions) and {@code min_separation_m} to summary.json.
 */
final class RightOfWayWatch implements AutoCloseable {

    static final int PERIOD_MS = 50;

    private final List<EdgeNodeProcess> nodes;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile double minSeparationM = Double.POSITIVE_INFINITY;
    private volatile long samples;

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
            List<double[]> positions = new ArrayList<>();
            for (EdgeNodeProcess node : nodes) {
                try {
                    if (!node.process().isAlive()) {
                        continue;
                    }
                    JsonNode t = node.debug().telemetry();
                    if (!t.path("missionId").asText("").isEmpty()) {
                        positions.add(new double[] {t.path("vehicle").path("xM").asDouble(),
                                t.path("vehicle").path("yM").asDouble()});
                    }
                } catch (RuntimeException unreachable) {
                    // a node being killed or restarted: no sample from it this round
                }
            }
            for (int i = 0; i < positions.size(); i++) {
                for (int j = i + 1; j < positions.size(); j++) {
                    double d = Math.hypot(positions.get(i)[0] - positions.get(j)[0],
                            positions.get(i)[1] - positions.get(j)[1]);
                    minSeparationM = Math.min(minSeparationM, d);
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
        root.put("right_of_way_yields", yields);
        if (samples > 0) {
            root.put("min_separation_m", Math.round(minSeparationM * 100) / 100.0);
        } else {
            root.putNull("min_separation_m");
        }
        root.put("min_separation_samples", samples);
        console.printf(Locale.ROOT, "  right of way: %d yields, minimum separation %s (%d samples every %d ms)%n",
                yields, samples > 0 ? String.format(Locale.ROOT, "%.2f m", minSeparationM) : "not measured", samples,
                PERIOD_MS);
    }
}
