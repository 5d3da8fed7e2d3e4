package io.lockstep.c2.link;

import io.lockstep.c2.api.Ids;
import io.lockstep.c2.api.LogText;
import io.lockstep.c2.api.TextLimits;
import io.lockstep.proto.v1.AgentStatus;
import io.lockstep.proto.v1.CommandAck;
import io.lockstep.proto.v1.Hello;
import io.lockstep.proto.v1.NodeCapabilities;
import io.lockstep.proto.v1.StatusUpdate;
import java.util.List;
import java.util.Optional;

/**
 * Checks and bounds what a node sends before C2 stores or logs it. Sequence numbers and ids that C2 cannot
 * use are refused with a reason; free text that is merely too long is cut to {@link TextLimits}, so one
 * oversize field never makes C2's own answers (REST, Redis, re-sent commands) unbounded.
 */
final class LinkInput {

    /**
     * Largest sequence number (edge seq, command seq) C2 accepts: 2^62 - 1. Far beyond any real count,
     * and far enough below 2^63 that C2's counters (Redis INCR on a signed 64-bit value) never overflow.
     */
    static final long MAX_SEQ = (1L << 62) - 1;
    /** Most agents in one status update, host functions or models in one Hello. */
    static final int MAX_LIST_ENTRIES = 256;

    private LinkInput() {
    }

    /** A uint64 sequence number from the wire (Java sees 2^63 and above as negative) checked against MAX_SEQ. */
    static Optional<String> seqProblem(String field, long value) {
        if (value < 0 || value > MAX_SEQ) {
            return Optional.of(field + " " + Long.toUnsignedString(value) + " is out of range; C2 accepts 0 to "
                    + MAX_SEQ + " (2^62 - 1)");
        }
        return Optional.empty();
    }

    /** Why this mission id (from a status, heartbeat or telemetry) is unusable; empty ids mean "no mission". */
    static Optional<String> missionIdProblem(String missionId) {
        return missionId.isEmpty() ? Optional.empty() : Ids.problem("mission_id", missionId);
    }

    static Hello bounded(Hello hello) {
        NodeCapabilities caps = hello.getCapabilities();
        return hello.toBuilder()
                .setSoftwareVersion(label(hello.getSoftwareVersion()))
                .setCapabilities(caps.toBuilder()
                        .clearHostFunctions().addAllHostFunctions(labels(caps.getHostFunctionsList()))
                        .clearModels().addAllModels(labels(caps.getModelsList()))
                        .setVehicleKind(label(caps.getVehicleKind())))
                .build();
    }

    static StatusUpdate bounded(StatusUpdate status) {
        StatusUpdate.Builder out = status.toBuilder()
                .setDetail(text(status.getDetail()))
                .setFingerprint(label(status.getFingerprint()))
                .setJournalPath(text(status.getJournalPath()))
                .clearAgents();
        status.getAgentsList().stream().limit(MAX_LIST_ENTRIES).forEach(agent -> out.addAgents(bounded(agent)));
        if (status.getInterventionsCount() > MAX_LIST_ENTRIES
                || status.getInterventionsMap().keySet().stream().anyMatch(k -> k.length() > TextLimits.MAX_LABEL_CHARS)) {
            out.clearInterventions();
            status.getInterventionsMap().entrySet().stream().limit(MAX_LIST_ENTRIES)
                    .forEach(e -> out.putInterventions(label(e.getKey()), e.getValue()));
        }
        return out.build();
    }

    static CommandAck bounded(CommandAck ack) {
        return ack.toBuilder().setError(text(ack.getError())).build();
    }

    private static AgentStatus bounded(AgentStatus agent) {
        return agent.toBuilder().setName(label(agent.getName())).setState(label(agent.getState()))
                .setFault(text(agent.getFault())).build();
    }

    private static List<String> labels(List<String> values) {
        return values.stream().limit(MAX_LIST_ENTRIES).map(LinkInput::label).toList();
    }

    private static String label(String value) {
        return TextLimits.truncate(value, TextLimits.MAX_LABEL_CHARS);
    }

    private static String text(String value) {
        return TextLimits.truncate(value, TextLimits.MAX_NODE_TEXT_CHARS);
    }

    /** For log lines: the node-supplied {@code text} quoted and escaped. */
    static String shown(String text) {
        return LogText.quote(text);
    }
}
