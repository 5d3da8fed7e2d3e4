package io.lockstep.c2.fleet;

import java.time.Instant;

/** One agent log line a node forwarded: tick, agent, level (DEBUG..ERROR), message, when C2 received it. */
public record AgentLogLineView(long tick, String agent, String level, String message, Instant receivedAt) {
}
