package io.lockstep.c2.mission;

import io.lockstep.c2.fleet.NodeRecord;
import io.lockstep.c2.fleet.NodeRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches a mission's needs against what each node advertised in its Hello, before anything is sent:
 * every host function the agents are granted, no more agents than the node's {@code maxAgents}, every
 * model of the mission (by name or sha256) when the node advertises a model list, and a GPU when the
 * mission's {@code requirements.gpu} asks for one. A node that advertises no host functions or no agent
 * limit (an older node) is not checked on that point: it refuses the assignment itself if it must.
 */
final class CapabilityMatch {

    private CapabilityMatch() {
    }

    /** @throws CapabilityMismatchException naming what each unfit node lacks and what no node offers */
    static void check(MissionSpec spec, List<String> nodeIds, Map<String, NodeRecord.Capabilities> capabilities,
            NodeRegistry nodes) {
        List<FieldError> missing = new ArrayList<>();
        for (int i = 0; i < nodeIds.size(); i++) {
            String nodeId = nodeIds.get(i);
            List<String> lacks = lacks(spec, capabilities.get(nodeId));
            if (!lacks.isEmpty()) {
                missing.add(new FieldError("nodes[" + i + "]", "node '" + nodeId + "' lacks " + String.join(", ", lacks)));
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Set<String> nobody = new LinkedHashSet<>(needs(spec));
        for (NodeRecord node : nodes.list()) {
            List<String> lacks = lacks(spec, node.capabilities());
            nobody.retainAll(lacks);
        }
        String detail = "the mission needs what the chosen nodes do not offer: "
                + String.join("; ", missing.stream().map(FieldError::message).toList())
                + (nobody.isEmpty() ? "" : "; no registered node offers " + String.join(", ", nobody));
        throw new CapabilityMismatchException(detail, missing, List.copyOf(nobody));
    }

    /** Everything the mission needs, in the words {@link #lacks} uses. */
    private static List<String> needs(MissionSpec spec) {
        List<String> needs = new ArrayList<>();
        hostFunctions(spec).forEach(f -> needs.add("host function " + f));
        needs.add(agentsNeed(spec));
        spec.models().forEach(m -> needs.add("model " + m.name()));
        if (spec.requirements() != null && spec.requirements().needsGpu()) {
            needs.add("gpu");
        }
        return needs;
    }

    private static String agentsNeed(MissionSpec spec) {
        return agentCount(spec) + " agents";
    }

    static List<String> lacks(MissionSpec spec, NodeRecord.Capabilities caps) {
        List<String> lacks = new ArrayList<>();
        if (caps == null) {
            return lacks;
        }
        List<String> offered = caps.hostFunctions() == null ? List.of() : caps.hostFunctions();
        if (!offered.isEmpty()) {
            hostFunctions(spec).stream().filter(f -> !offered.contains(f)).forEach(f -> lacks.add("host function " + f));
        }
        if (caps.maxAgents() > 0 && agentCount(spec) > caps.maxAgents()) {
            lacks.add(agentsNeed(spec));
        }
        List<String> models = caps.models() == null ? List.of() : caps.models();
        if (!models.isEmpty()) {
            spec.models().stream().filter(m -> !models.contains(m.name()) && !models.contains(m.sha256()))
                    .forEach(m -> lacks.add("model " + m.name()));
        }
        if (spec.requirements() != null && spec.requirements().needsGpu() && !caps.gpu()) {
            lacks.add("gpu");
        }
        return lacks;
    }

    private static Set<String> hostFunctions(MissionSpec spec) {
        Set<String> functions = new LinkedHashSet<>();
        if (spec.agents() != null) {
            for (AgentSpec agent : spec.agents()) {
                if (agent.capabilities() != null && agent.capabilities().hostFunctions() != null) {
                    functions.addAll(agent.capabilities().hostFunctions());
                }
            }
        }
        return functions;
    }

    private static int agentCount(MissionSpec spec) {
        return spec.agents() == null ? 0 : spec.agents().size();
    }
}
