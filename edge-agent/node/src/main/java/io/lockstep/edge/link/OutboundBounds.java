package io.lockstep.edge.link;

import io.lockstep.proto.v1.AgentStatus;
import io.lockstep.proto.v1.CommandAck;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.Heartbeat;
import io.lockstep.proto.v1.StatusUpdate;
import java.util.Map;

/**
 * Bounds on what the node queues for C2. A status detail echoes free text from outside (an e-stop or abort
 * reason, an agent's fault), so without a bound one long reason makes a message C2's link refuses (4 MiB
 * gRPC limit) and the outbox re-sends it forever. Text fields are cut to fixed lengths and lists to fixed
 * counts, which keeps every status update and command ack far below {@link #MAX_MESSAGE_BYTES}.
 */
final class OutboundBounds {

    /** Largest message the outbox keeps (C2 accepts 4 MiB; a quarter leaves room for any envelope). */
    static final int MAX_MESSAGE_BYTES = 1024 * 1024;
    /** Largest seq the node accepts from C2 (Welcome, StatusAck): 2^62 - 1, as C2 itself enforces. */
    static final long MAX_SEQ = (1L << 62) - 1;
    static final int MAX_TEXT_CHARS = 4096;
    static final int MAX_LABEL_CHARS = 256;
    static final int MAX_FAULT_CHARS = 1024;
    static final int MAX_LIST_ENTRIES = 256;
    /** Hazards one heartbeat carries (C2 takes at most as many per node; the rest are counted as omitted). */
    static final int MAX_HAZARDS = 64;
    private static final String CUT = "...[cut]";

    private OutboundBounds() {
    }

    /** {@code message} with every free-text field and list of a status update or command ack bounded. */
    static EdgeToC2 bounded(EdgeToC2 message) {
        return switch (message.getBodyCase()) {
            case STATUS -> message.toBuilder().setStatus(bounded(message.getStatus())).build();
            case ACK -> message.toBuilder().setAck(bounded(message.getAck())).build();
            case HEARTBEAT -> message.toBuilder().setHeartbeat(bounded(message.getHeartbeat())).build();
            default -> message;
        };
    }

    private static StatusUpdate bounded(StatusUpdate status) {
        StatusUpdate.Builder out = status.toBuilder()
                .setMissionId(cut(status.getMissionId(), MAX_LABEL_CHARS))
                .setDetail(cut(status.getDetail(), MAX_TEXT_CHARS))
                .setFingerprint(cut(status.getFingerprint(), MAX_LABEL_CHARS))
                .setJournalPath(cut(status.getJournalPath(), MAX_TEXT_CHARS))
                .clearAgents()
                .clearInterventions();
        status.getAgentsList().stream().limit(MAX_LIST_ENTRIES).forEach(agent -> out.addAgents(bounded(agent)));
        status.getInterventionsMap().entrySet().stream().sorted(Map.Entry.comparingByKey()).limit(MAX_LIST_ENTRIES)
                .forEach(e -> out.putInterventions(cut(e.getKey(), MAX_LABEL_CHARS), e.getValue()));
        return out.build();
    }

    /** At most {@link #MAX_HAZARDS} hazards (the first ones, newest first), the rest counted as omitted. */
    private static Heartbeat bounded(Heartbeat heartbeat) {
        if (heartbeat.getHazardsCount() <= MAX_HAZARDS) {
            return heartbeat;
        }
        int omitted = heartbeat.getHazardsCount() - MAX_HAZARDS;
        return heartbeat.toBuilder().clearHazards().addAllHazards(heartbeat.getHazardsList().subList(0, MAX_HAZARDS))
                .setHazardsOmitted(heartbeat.getHazardsOmitted() + omitted).build();
    }

    private static AgentStatus bounded(AgentStatus agent) {
        return agent.toBuilder().setName(cut(agent.getName(), MAX_LABEL_CHARS))
                .setState(cut(agent.getState(), MAX_LABEL_CHARS))
                .setFault(cut(agent.getFault(), MAX_FAULT_CHARS)).build();
    }

    private static CommandAck bounded(CommandAck ack) {
        return ack.toBuilder().setError(cut(ack.getError(), MAX_TEXT_CHARS)).build();
    }

    static String cut(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars - CUT.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + CUT;
    }
}
