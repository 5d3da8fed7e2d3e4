package io.lockstep.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The demo's result: printed for a person, and written as summary.json for tools and tests. */
record DemoSummary(String missionId, String status, long durationMs, long totalMs, List<NodeResult> nodes) {

    boolean succeeded() {
        return "COMPLETED".equals(status) && !nodes.isEmpty() && nodes.stream().allMatch(NodeResult::succeeded);
    }

    void write(Path file) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mission_id", missionId);
        json.put("status", status);
        json.put("duration_ms", durationMs);
        json.put("total_ms", totalMs);
        json.put("nodes", nodes.stream().map(DemoSummary::nodeJson).toList());
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Map<String, Object> nodeJson(NodeResult node) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", node.id());
        json.put("status", node.status());
        json.put("ticks", node.ticks());
        json.put("journal", node.journal());
        json.put("fingerprint", node.fingerprint());
        json.put("interventions", node.interventions());
        json.put("inference_calls", node.inferenceCalls());
        json.put("replay", node.replay().ok() ? "VERIFIED" : node.replay().detail());
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
        out.printf(Locale.ROOT, "  %-8s %-10s %7s %9s  %-28s %s%n", "node", "status", "ticks", "inference",
                "interventions", "journal replay");
        for (NodeResult node : nodes) {
            out.printf(Locale.ROOT, "  %-8s %-10s %7d %9d  %-28s %s%n", node.id(), node.status(), node.ticks(),
                    node.inferenceCalls(), interventionsText(node.interventions()),
                    node.replay().ok() ? "verified" : node.replay().detail());
        }
        out.println(succeeded() ? "Demo succeeded." : "Demo FAILED: see the logs under the output directory.");
    }
}
