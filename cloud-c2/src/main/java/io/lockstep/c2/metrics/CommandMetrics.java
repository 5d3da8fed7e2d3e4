package io.lockstep.c2.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

/**
 * Counts the commands C2 hands to the link: new ones, and unacknowledged ones sent again after a reconnect.
 * Created at start-up so both counters are exported (at 0) before the first command.
 */
@Startup
@Singleton
public class CommandMetrics {

    private final Counter sent;
    private final Counter resent;

    public CommandMetrics(MeterRegistry registry) {
        this.sent = Counter.builder(MetricNames.COMMANDS_SENT)
                .description("Commands numbered, persisted and pushed (or queued) for a node")
                .register(registry);
        this.resent = Counter.builder(MetricNames.COMMANDS_RESENT)
                .description("Unacknowledged commands sent again when their node reconnected")
                .register(registry);
    }

    public void sent() {
        sent.increment();
    }

    public void sent(int count) {
        sent.increment(count);
    }

    public void resent(int count) {
        resent.increment(count);
    }
}
