package io.lockstep.runtime.engine;

import java.util.List;

/**
 * Complete runtime state after a tick: the tick number, the chained fingerprint, undelivered local messages
 * and every agent's state.
 */
public record EngineSnapshot(long tick, byte[] fingerprint, List<LocalMessage> pending, List<AgentStateData> agents) {
}
