package io.lockstep.c2.mission;

/** One agent's status as a node last reported it (lockstep.v1.AgentStatus). */
public record AgentState(String name, String state, long fuelUsed, String fault, int progressPermille) {
}
