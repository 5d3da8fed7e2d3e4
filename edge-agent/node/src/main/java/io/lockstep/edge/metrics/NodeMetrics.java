package io.lockstep.edge.metrics;

import io.lockstep.edge.app.NodeLifecycle;
import io.lockstep.edge.config.NodeConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Puts the node's meters on the Prometheus endpoint (/q/metrics on the debug port) once the node has
 * started, and tags every meter with the node id so a fleet's scrapes can be told apart.
 */
@ApplicationScoped
public class NodeMetrics {

    private volatile NodeMeterBinder binder;

    /** After {@link NodeLifecycle} (default priority) has started the node. */
    void bind(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 1000) StartupEvent event,
            NodeLifecycle lifecycle, MeterRegistry registry) {
        binder = new NodeMeterBinder(lifecycle.node());
        binder.bindTo(registry);
    }

    /** The node's meters go with the node (the registry may serve a restarted application in the same JVM). */
    void unbind(@Observes ShutdownEvent event, MeterRegistry registry) {
        NodeMeterBinder bound = binder;
        if (bound != null) {
            bound.unbindFrom(registry);
        }
    }

    @Produces
    @Singleton
    MeterFilter nodeIdTag(NodeConfig config) {
        return MeterFilter.commonTags(Tags.of(NodeMetricNames.NODE_ID, config.id()));
    }
}
