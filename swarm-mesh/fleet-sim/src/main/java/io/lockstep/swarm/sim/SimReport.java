package io.lockstep.swarm.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.swarm.agreement.DivergenceAlert;
import io.lockstep.swarm.cells.CellPlan;
import io.lockstep.swarm.codec.Sha256;
import io.lockstep.swarm.peer.DropReason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one run as JSON, with fields in a fixed order and nothing that depends on the wall
 * clock, so the same seed (and commit) gives the same bytes. {@link #violations()} lists every broken
 * invariant; empty means the run passed.
 */
public final class SimReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode json;
    private final List<String> violations;
    private final long ticks;
    private final double simulatedSeconds;

    private SimReport(ObjectNode json, List<String> violations, long ticks, double simulatedSeconds) {
        this.json = json;
        this.violations = List.copyOf(violations);
        this.ticks = ticks;
        this.simulatedSeconds = simulatedSeconds;
    }

    static SimReport of(SimConfig config, CellPlan plan, FaultPlan faults, long ticks, long missionCompleteTick,
                        long reconvergedTick, int[][] completions, List<SimNode> nodes, List<DivergenceAlert> alerts,
                        Map<DropReason, Long> drops, SimMesh mesh, long garbageSent, List<String> violations) {
        ObjectNode root = JSON.createObjectNode();
        root.put("seed", config.seed());
        root.put("mission", plan.missionId());
        root.put("planDigest", Sha256.hex(plan.digest()));
        root.put("cells", plan.size());
        root.put("nodes", config.nodes());
        root.put("agent", config.runAgents() ? SimNode.AGENT : "none");
        root.put("executionMode", config.mode().name());
        root.put("tickPeriodMs", config.mission().tickPeriodMs());
        ObjectNode f = root.putObject("faults");
        f.put("spec", config.faults().toString());
        ArrayNode partitions = f.putArray("partitions");
        for (FaultPlan.Partition p : faults.partitions()) {
            ObjectNode o = partitions.addObject();
            o.put("start", p.start());
            o.put("end", p.end());
            ArrayNode side = o.putArray("sideB");
            for (int i = 0; i < p.sideB().length; i++) {
                if (p.sideB()[i]) {
                    side.add(nodes.get(i).id);
                }
            }
        }
        ArrayNode crashes = f.putArray("crashes");
        for (FaultPlan.Crash c : faults.crashes()) {
            ObjectNode o = crashes.addObject();
            o.put("node", nodes.get(c.node()).id);
            o.put("at", c.at());
            o.put("restartAt", c.restartAt());
        }
        f.put("lastFaultTick", faults.lastFaultTick());
        root.put("ticks", ticks);
        double simulatedSeconds = ticks * config.mission().tickSeconds();
        root.put("simulatedSeconds", simulatedSeconds);
        root.put("missionCompleteTick", missionCompleteTick);
        root.put("reconvergedTick", reconvergedTick);
        root.put("reconvergenceTicks", reconvergedTick < 0 ? -1 : reconvergedTick - faults.lastFaultTick());
        root.put("reconvergenceBoundTicks", config.reconvergenceBoundTicks());
        int covered = 0;
        int doubleCovered = 0;
        int extraCompletions = 0;
        ArrayNode doubles = JSON.createArrayNode();
        for (int c = 0; c < completions.length; c++) {
            int total = 0;
            for (int count : completions[c]) {
                total += count;
            }
            covered += total > 0 ? 1 : 0;
            if (total > 1) {
                doubleCovered++;
                extraCompletions += total - 1;
                doubles.add(c);
            }
        }
        root.put("cellsCovered", covered);
        root.put("doubleCoveredCells", doubleCovered);
        root.put("extraCompletions", extraCompletions);
        root.set("doubleCoveredCellIndexes", doubles);
        root.put("divergenceAlerts", alerts.size());
        ObjectNode m = root.putObject("messages");
        m.put("sent", mesh.sent);
        m.put("delivered", mesh.delivered);
        m.put("lost", mesh.lost);
        m.put("garbageInjected", garbageSent);
        ObjectNode d = root.putObject("dropped");
        for (DropReason r : DropReason.values()) {
            d.put(r.name(), drops.getOrDefault(r, 0L));
        }
        ArrayNode perNode = root.putArray("perNode");
        for (SimNode n : nodes) {
            ObjectNode o = perNode.addObject();
            o.put("id", n.id);
            o.put("capability", n.capability);
            o.put("up", n.up);
            o.put("crashes", n.crashes);
            o.put("cellsCompleted", n.cellsCompleted);
            o.put("knownCompleted", n.up ? n.peer.completed().completedCount() : -1);
            o.put("agentTicks", n.runtimeTicks);
            o.put("agentFingerprint", n.fingerprint);
        }
        ArrayNode v = root.putArray("violations");
        violations.forEach(v::add);
        root.put("passed", violations.isEmpty());
        return new SimReport(root, violations, ticks, simulatedSeconds);
    }

    /** This report with one more violation (and {@code passed} false). */
    public SimReport withViolation(String violation) {
        ObjectNode copy = json.deepCopy();
        ((ArrayNode) copy.get("violations")).add(violation);
        copy.put("passed", false);
        List<String> all = new java.util.ArrayList<>(violations);
        all.add(violation);
        return new SimReport(copy, all, ticks, simulatedSeconds);
    }

    public List<String> violations() {
        return violations;
    }

    public boolean passed() {
        return violations.isEmpty();
    }

    public long ticks() {
        return ticks;
    }

    public double simulatedSeconds() {
        return simulatedSeconds;
    }

    public ObjectNode json() {
        return json.deepCopy();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of the JSON: two runs of one seed must print the same digest. */
    public String digest() {
        return Sha256.hex(Sha256.of(toJson().getBytes(StandardCharsets.UTF_8)));
    }
}
