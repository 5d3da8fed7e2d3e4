package io.lockstep.cli.agent;

import io.lockstep.runtime.LogEntry;

/** One agent log line as the command line prints it: {@code tick 12 hello INFO hello: tick 12/20}. */
public final class AgentLogLines {

    private AgentLogLines() {
    }

    public static String format(long tick, LogEntry entry) {
        return "tick " + tick + " " + entry.agent() + " " + entry.levelName() + " " + entry.printableMessage();
    }
}
