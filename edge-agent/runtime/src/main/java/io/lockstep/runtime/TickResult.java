package io.lockstep.runtime;

import java.util.List;
import java.util.Optional;

/**
 * Outcome of one tick.
 *
 * @param tick            the tick number (the first tick is 1)
 * @param fingerprint     lower-case hex SHA-256 state fingerprint, chained over all previous ticks
 * @param velocityCommand the last {@code act_velocity} request of the tick, if any
 * @param emitted         messages emitted this tick, in agent order then emission order
 * @param agents          every agent's status, in run order
 * @param inferenceCalls  number of {@code infer} calls served this tick
 * @param logs            kept log lines, in order
 */
public record TickResult(long tick, String fingerprint, Optional<Velocity> velocityCommand,
                         List<EmittedMessage> emitted, List<AgentSnapshot> agents, int inferenceCalls,
                         List<LogEntry> logs) {

    public TickResult {
        emitted = List.copyOf(emitted);
        agents = List.copyOf(agents);
        logs = List.copyOf(logs);
    }

    /** Whether no agent is RUNNING any more. */
    public boolean allFinished() {
        return agents.stream().noneMatch(a -> a.state() == AgentState.RUNNING);
    }
}
