package io.lockstep.c2.retention;

import io.lockstep.c2.config.C2Config;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Runs the {@link RetentionSweep} every {@code lockstep.c2.retention.sweep-interval}, starting one interval after start-up. */
@ApplicationScoped
public class RetentionSchedule {

    private static final Logger LOG = Logger.getLogger(RetentionSchedule.class);

    private final RetentionSweep sweep;
    private final Clock clock;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public RetentionSchedule(RetentionSweep sweep, Clock clock, C2Config config) {
        this.sweep = sweep;
        this.clock = clock;
        this.interval = config.retention().sweepInterval();
    }

    void start(@Observes StartupEvent started) {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "c2-retention");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, interval.toMillis());
        executor.scheduleWithFixedDelay(this::runOnce, millis, millis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void runOnce() {
        try {
            sweep.sweep(clock.instant());
        } catch (RuntimeException e) {
            // Redis may be briefly unreachable; the next run tries again.
            LOG.warnf(e, "Retention sweep failed");
        }
    }
}
