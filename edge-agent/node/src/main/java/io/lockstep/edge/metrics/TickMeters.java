package io.lockstep.edge.metrics;

import io.lockstep.edge.mission.TickObserver;
import io.lockstep.runtime.AgentSnapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Per tick: its wall-clock duration into a histogram, and each agent's fuel into its counter. */
final class TickMeters implements TickObserver {

    private final MeterRegistry registry;
    private final Timer duration;
    private final Map<String, Counter> fuel = new ConcurrentHashMap<>();
    private final Consumer<Meter> registered;

    /** @param registered told of every meter this registers (so it can be removed with the node) */
    TickMeters(MeterRegistry registry, Consumer<Meter> registered) {
        this.registry = registry;
        this.registered = registered;
        this.duration = Timer.builder(NodeMetricNames.TICK_DURATION)
                .description("Wall-clock time of one agent tick: sensors, runtime, supervisor and vehicle")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(1))
                .register(registry);
        registered.accept(duration);
    }

    @Override
    public void ticked(String missionId, long wallNanos, List<AgentSnapshot> agents) {
        duration.record(wallNanos, TimeUnit.NANOSECONDS);
        for (AgentSnapshot agent : agents) {
            if (agent.fuelUsed() > 0) {
                fuel.computeIfAbsent(missionId + '\n' + agent.name(), key -> {
                    Counter counter = Counter.builder(NodeMetricNames.AGENT_FUEL_USED)
                            .description("Wasm fuel the agent consumed")
                            .tag(NodeMetricNames.MISSION_ID, missionId)
                            .tag(NodeMetricNames.AGENT_NAME, agent.name())
                            .register(registry);
                    registered.accept(counter);
                    return counter;
                }).increment(agent.fuelUsed());
            }
        }
    }
}
