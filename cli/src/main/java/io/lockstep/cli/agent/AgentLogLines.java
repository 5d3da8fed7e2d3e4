package io.lockstep.cli.agent;

import io.lockstep.runtime.LogEntry;

/** One agent log line as the command line prints it: {@code tick 12 hello INFO hello: tick 12/20}. */
public final class AgentLogLines {
    private static final String[] LEVELS = {"DEBUG", "INFO", "WARN", "ERROR"};

    private AgentLogLines() {
    }

    public static String levelName(int level) {
        return level >= 0 && level < LEVELS.length ? LEVELS[level] : "LEVEL" + level;
    }

    public static String format(long tick, LogEntry entry) {
        return "tick " + tick + " " + entry.agent() + " " + levelName(entry.level()) + " " + printable(entry.message());
    }

    /** Agent text is untrusted: control characters are escaped so one log line stays one terminal line. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
