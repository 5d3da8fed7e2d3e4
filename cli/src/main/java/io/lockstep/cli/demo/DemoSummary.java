package io.lockstep.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The demo's result: printed for a person, and written as summary.json for tools and tests. */
record DemoSummary(String missionId, String status, long durationMs, long totalMs, List<NodeResult> nodes,
        SwarmOutcome swarm, java.util.Optional<MidMissionKill.Event> kill,
        java.util.Optional<DemoSimulation> simulation) {

    /**
     * What keeps the mission from counting as done, one sentence each; empty when it completed with every cell
     * covered and every node that was not killed completed and replays.
     */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!"COMPLETED".equals(status)) {
            problems.add("the mission's state at the end was " + status + ", not COMPLETED");
        }
        if (swarm.coveragePercent() != 100.0) {
            problems.add(String.format(Locale.ROOT, "coverage %.1f%% of %d cells, not 100%%", swarm.coveragePercent(),
                    swarm.cellsTotal()));
        }
        if (nodes.stream().allMatch(NodeResult::killed)) {
            problems.add("no node survived");
        }
        nodes.forEach(node -> node.problem().ifPresent(problems::add));
        return problems;
    }

    /** Adds the mission's outcome, the kill, the simulation and the per-node results to summary.json. */
    void addTo(ObjectNode root) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mission_id", missionId);
        json.put("status", status);
        json.put("duration_ms", durationMs);
        json.put("total_ms", totalMs);
        json.put("coverage_percent", swarm.coveragePercent());
        json.put("cells_total", swarm.cellsTotal());
        json.put("reallocated_cells", swarm.reallocatedCells());
        json.put("kill", kill.map(k -> {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("node", k.node());
            event.put("signal", "SIGKILL");
            event.put("after_ms", k.afterMs());
            event.put("coverage_percent_at_kill", k.coveragePercent());
            event.put("cells_done_before", k.cellsDoneBefore());
            return event;
        }).orElse(null));
        json.put("simulation", simulation.map(s -> s.json(durationMs, swarm.coveragePercent())).orElse(null));
        json.put("nodes", nodes.stream().map(DemoSummary::nodeJson).toList());
        root.setAll((ObjectNode) SummaryJson.mapper().valueToTree(json));
    }

    private static Map<String, Object> nodeJson(NodeResult node) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", node.id());
        json.put("status", node.status());
        json.put("killed", node.killed());
        json.put("cells_done", node.cellsDone());
        json.put("ticks", node.ticks());
        json.put("journal", node.journal());
        json.put("fingerprint", node.fingerprint());
        json.put("interventions", node.interventions());
        json.put("inference_calls", node.inferenceCalls());
        json.put("replay", node.killed() ? "NOT_REPLAYED (killed)" : node.replay().ok() ? "VERIFIED"
                : node.replay().detail());
        return json;
    }

    /** Only the kinds that happened, e.g. {@code OBSTACLE_STOP=3}. */
    private static String interventionsText(Map<String, Long> byKind) {
        String text = byKind.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
        return text.isEmpty() ? "none" : text;
    }

    void print(PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "Mission %s: %s in %.1f s (whole demo %.1f s)%n", missionId, status,
                durationMs / 1000.0, totalMs / 1000.0);
        out.printf(Locale.ROOT, "  coverage %.1f%% of %d cells, %d reallocated%s%n", swarm.coveragePercent(),
                swarm.cellsTotal(), swarm.reallocatedCells(), kill.map(k -> String.format(Locale.ROOT,
                        " (%s killed with SIGKILL %.1f s in, at %.0f%% coverage)", k.node(), k.afterMs() / 1000.0,
                        k.coveragePercent())).orElse(""));
        simulation.ifPresent(s -> out.printf(Locale.ROOT, "  simulation predicted %.1f s and %.1f%% coverage"
                + " (actual %.1f s, %.1f%%)%n", s.predictedDurationMs() / 1000.0, s.predictedCoveragePercent(),
                durationMs / 1000.0, swarm.coveragePercent()));
        out.printf(Locale.ROOT, "  %-8s %-10s %7s %5s %9s  %-28s %s%n", "node", "status", "ticks", "cells",
                "inference", "interventions", "journal replay");
        for (NodeResult node : nodes) {
            out.printf(Locale.ROOT, "  %-8s %-10s %7d %5d %9d  %-28s %s%n", node.id(), node.status(), node.ticks(),
                    node.cellsDone(), node.inferenceCalls(), interventionsText(node.interventions()),
                    node.killed() ? "not replayed (killed)" : node.replay().ok() ? "verified" : node.replay().detail());
        }
    }
}
