package io.lockstep.edge.mission;

import io.lockstep.proto.link.LatestLiveSample;
import io.lockstep.proto.v1.AgentLogLine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent log lines of one mission on their way to C2, in bounded form: at most {@value #MAX_PENDING}
 * lines wait between telemetry samples (more are counted as dropped), each sample carries at most
 * {@value #MAX_PER_SAMPLE}, and each message is cut to {@value #MAX_MESSAGE_CHARS} characters. The full
 * text stays on the node (its log and the debug port); C2 gets a readable trickle, never a flood.
 */
final class AgentLogForwarder {
    static final int MAX_PENDING = 32;
    /** The same bound as a sample that replaces another while the link is not ready (it carries their lines). */
    static final int MAX_PER_SAMPLE = LatestLiveSample.MAX_LOG_LINES;
    static final int MAX_MESSAGE_CHARS = 200;

    /** What one telemetry sample carries. */
    record Batch(List<AgentLogLine> lines, long dropped) {
    }

    private final ArrayDeque<AgentLogLine> pending = new ArrayDeque<>();
    private long dropped;

    void add(AgentLogRing.Line line) {
        if (pending.size() >= MAX_PENDING) {
            dropped++;
            return;
        }
        String message = line.message();
        if (message.length() > MAX_MESSAGE_CHARS) {
            message = message.substring(0, MAX_MESSAGE_CHARS - 1) + "…";
        }
        pending.add(AgentLogLine.newBuilder().setTick(line.tick()).setAgent(line.agent())
                .setLevel(line.level()).setMessage(message).build());
    }

    boolean isEmpty() {
        return pending.isEmpty() && dropped == 0;
    }

    /** The next sample's share; lines beyond it wait for the next sample (or are dropped when that fills). */
    Batch next() {
        List<AgentLogLine> lines = new ArrayList<>();
        while (!pending.isEmpty() && lines.size() < MAX_PER_SAMPLE) {
            lines.add(pending.poll());
        }
        Batch batch = new Batch(lines, dropped);
        dropped = 0;
        return batch;
    }
}
