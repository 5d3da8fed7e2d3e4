package io.lockstep.runtime;

/**
 * One {@code log} call of an agent during a tick.
 *
 * @param level 0 debug, 1 info, 2 warn, 3 error
 */
public record LogEntry(String agent, int level, String message) {
}
