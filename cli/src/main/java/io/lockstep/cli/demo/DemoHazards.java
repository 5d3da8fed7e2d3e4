package io.lockstep.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.cli.fleet.EdgeNodeProcess;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The demo's hazards (docs/hazards.md): per node, hazards it found and shared over the mesh, peers' hazards it
 * accepted, and how often its supervisor kept it out of one. Added to summary.json as {@code hazards_shared} and
 * {@code hazards}.
 */
record DemoHazards(Map<String, long[]> byNode) {

    private static final int SHARED = 0;
    private static final int RECEIVED = 1;
    private static final int KEPT_OUT = 2;

    /** Reads every node that is still running (a killed node's figures are gone with it). */
    static DemoHazards collect(List<EdgeNodeProcess> nodes, Set<String> killed) {
        Map<String, long[]> byNode = new LinkedHashMap<>();
        for (EdgeNodeProcess node : nodes) {
            if (killed.contains(node.id())) {
                continue;
            }
            JsonNode counters = node.debug().hazards().path("counters");
            long keptOut = node.debug().status().path("interventions").path("HAZARD_KEEP_OUT").asLong();
            byNode.put(node.id(), new long[] {counters.path("published").asLong(), counters.path("accepted").asLong(),
                keptOut});
        }
        return new DemoHazards(byNode);
    }

    long shared() {
        return byNode.values().stream().mapToLong(v -> v[SHARED]).sum();
    }

    /** Whether one node found a hazard that another node's supervisor then kept its vehicle out of. */
    boolean foundByOneAvoidedByAnother() {
        for (Map.Entry<String, long[]> finder : byNode.entrySet()) {
            if (finder.getValue()[SHARED] == 0) {
                continue;
            }
            for (Map.Entry<String, long[]> other : byNode.entrySet()) {
                if (!other.getKey().equals(finder.getKey()) && other.getValue()[RECEIVED] > 0
                        && other.getValue()[KEPT_OUT] > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    void addTo(ObjectNode root) {
        root.put("hazards_shared", shared());
        ObjectNode hazards = root.putObject("hazards");
        hazards.put("found_by_one_avoided_by_another", foundByOneAvoidedByAnother());
        ObjectNode nodes = hazards.putObject("nodes");
        byNode.forEach((id, v) -> nodes.putObject(id).put("shared", v[SHARED]).put("received", v[RECEIVED])
                .put("keep_out_interventions", v[KEPT_OUT]));
    }

    void print(PrintStream out) {
        StringBuilder line = new StringBuilder();
        byNode.forEach((id, v) -> line.append(String.format(Locale.ROOT, " %s %d/%d/%d", id, v[SHARED], v[RECEIVED],
                v[KEPT_OUT])));
        out.printf(Locale.ROOT, "  hazards shared peer to peer: %d (per node shared/received/kept out:%s)%s%n",
                shared(), line, foundByOneAvoidedByAnother() ? "; one node's find was avoided by another" : "");
    }
}
