package io.lockstep.c2.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.util.function.IntSupplier;

/**
 * Counts the LiveSampleCredit messages C2 sends (docs/wire-contracts.md, "Live-sample credit"): the outbound cost
 * of live-sample credit, one message per batch of live samples processed; and the C2-wide pool's use.
 */
@Startup
@Singleton
public class LiveCreditMetrics {

    private final Counter grants;
    private final MeterRegistry registry;

    public LiveCreditMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.grants = Counter.builder(MetricNames.LIVE_CREDIT_GRANTS)
                .description("LiveSampleCredit messages sent to nodes (each returns a batch of live-sample credit)")
                .register(registry);
    }

    /** The C2-wide pool's state: credit counted in flight, and nodes waiting for their credit to come back. */
    public void watch(IntSupplier inFlight, IntSupplier waiting) {
        Gauge.builder(MetricNames.LIVE_CREDIT_IN_FLIGHT, inFlight::getAsInt)
                .description("Live-sample credit held by nodes or spent on samples C2 has not processed (the pool's use)")
                .register(registry);
        Gauge.builder(MetricNames.LIVE_CREDIT_WAITING, waiting::getAsInt)
                .description("Nodes whose used live-sample credit waits for room in the pool")
                .register(registry);
    }

    public void granted() {
        grants.increment();
    }
}
