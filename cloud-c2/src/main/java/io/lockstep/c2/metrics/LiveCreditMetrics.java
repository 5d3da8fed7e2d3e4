package io.lockstep.c2.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

/**
 * Counts the LiveSampleCredit messages C2 sends (docs/wire-contracts.md, "Live-sample credit"): the outbound cost
 * of live-sample credit, one message per batch of live samples processed.
 */
@Startup
@Singleton
public class LiveCreditMetrics {

    private final Counter grants;

    public LiveCreditMetrics(MeterRegistry registry) {
        this.grants = Counter.builder(MetricNames.LIVE_CREDIT_GRANTS)
                .description("LiveSampleCredit messages sent to nodes (each returns a batch of live-sample credit)")
                .register(registry);
    }

    public void granted() {
        grants.increment();
    }
}
