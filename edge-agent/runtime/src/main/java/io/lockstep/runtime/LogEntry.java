package io.lockstep.runtime;

/**
 * One {@code log} call of an agent during a tick.
 *
 * @param level 0 debug, 1 info, 2 warn, 3 error
 */
public record LogEntry(String agent, int level, String message) {
    private static final String[] LEVELS = {"DEBUG", "INFO", "WARN", "ERROR"};

    /** {@code DEBUG}, {@code INFO}, {@code WARN}, {@code ERROR}, or {@code LEVELn} for a level outside the ABI's. */
    public String levelName() {
        return level >= 0 && level < LEVELS.length ? LEVELS[level] : "LEVEL" + level;
    }

    /** The message with control characters escaped as {@code \xNN}: agent text is untrusted, one line stays one line. */
    public String printableMessage() {
        StringBuilder out = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
