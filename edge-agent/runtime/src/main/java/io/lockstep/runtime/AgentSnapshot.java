package io.lockstep.runtime;

/**
 * One agent's status after a tick.
 *
 * @param fault            fault reason ({@code FUEL_EXHAUSTED}, {@code CALL_DEPTH_EXCEEDED}, {@code TRAP(kind)},
 *                         {@code INIT_FAILED}, {@code AGENT_ERROR(code)}, ...), empty unless FAULTED
 * @param fuelUsed         fuel used in this tick (0 when not run)
 * @param progressPermille last reported progress, 0..1000
 */
public record AgentSnapshot(String name, AgentState state, String fault, long fuelUsed, int progressPermille) {
}
