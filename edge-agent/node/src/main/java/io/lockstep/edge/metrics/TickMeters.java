package io.lockstep.edge.metrics;

import io.lockstep.edge.mission.TickObserver;
import io.lockstep.runtime.AgentSnapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Per tick: its wall-clock duration into a histogram, and each agent's fuel into its counter. */
final class TickMeters implements TickObserver {

    private final MeterRegistry registry;
    private final Timer duration;
    private final Map<String, Counter> fuel = new ConcurrentHashMap<>();

    TickMeters(MeterRegistry registry) {
        this.registry = registry;
        this.duration = Timer.builder(NodeMetricNames.TICK_DURATION)
                .description("Wall-clock time of one agent tick: sensors, runtime, supervisor and vehicle")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(1))
                .register(registry);
    }

    @Override
    public void ticked(String missionId, long wallNanos, List<AgentSnapshot> agents) {
        duration.record(wallNanos, TimeUnit.NANOSECONDS);
        for (AgentSnapshot agent : agents) {
            if (agent.fuelUsed() > 0) {
                fuel.computeIfAbsent(missionId + '\n' + agent.name(), key -> Counter.builder(NodeMetricNames.AGENT_FUEL_USED)
                        .description("Wasm fuel the agent consumed")
                        .tag(NodeMetricNames.MISSION_ID, missionId)
                        .tag(NodeMetricNames.AGENT_NAME, agent.name())
                        .register(registry)).increment(agent.fuelUsed());
            }
        }
    }
}
