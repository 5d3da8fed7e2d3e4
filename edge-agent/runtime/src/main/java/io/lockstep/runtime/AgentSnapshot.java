package io.lockstep.runtime;

/**
 * One agent's status after a tick.
 *
 * @param fault            fault reason ({@code FUEL_EXHAUSTED}, {@code CALL_DEPTH_EXCEEDED}, {@code TRAP(kind)},
 *                         {@code INIT_FAILED}, {@code AGENT_ERROR(code)}, ...), empty unless FAULTED
 * @param fuelUsed         fuel used in this tick; for a DONE or FAULTED agent, which no longer runs, the fuel of
 *                         the last tick (or init) it ran in (0 after a resume from a later snapshot)
 * @param progressPermille last reported progress, 0..1000
 */
public record AgentSnapshot(String name, AgentState state, String fault, long fuelUsed, int progressPermille) {
}
