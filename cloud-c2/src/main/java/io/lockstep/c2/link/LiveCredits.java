package io.lockstep.c2.link;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.metrics.LiveCreditMetrics;
import io.lockstep.proto.link.LiveCredit;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.Hello;
import io.lockstep.proto.v1.LiveSampleCredit;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Live-sample credit on the link ({@code lockstep.c2.link.live-credit}, docs/wire-contracts.md): a node that asks
 * for it in its Hello gets a window of credit in its Welcome and one LiveSampleCredit per batch of live samples C2
 * has processed ({@link LiveCreditAccount}), while the C2-wide pool has room ({@link LiveCreditPool},
 * {@code lockstep.c2.link.live-credit-pool}). Why: a node that sends live samples only while it holds credit has at
 * most a window of them in flight, so the sample C2 reads is at most a window old however slowly C2 reads; without
 * it every stream held a flow-control window of stale samples. The pool bounds the sum over all nodes, which sets
 * how long a sample waits in C2 (docs/dashboard.md).
 */
@Startup
@ApplicationScoped
public class LiveCredits {

    private static final Logger LOG = Logger.getLogger(LiveCredits.class);

    private final int window;
    private final LiveCreditMetrics metrics;
    private final LiveCreditPool pool;
    /** Frees credit nodes hold unused (LiveCreditPool#sweep); null without a pool. */
    private final ScheduledFuture<?> sweeps;

    public LiveCredits(C2Config config, LiveCreditMetrics metrics, Clock clock) {
        this.window = config.link().liveCredit();
        this.metrics = metrics;
        if (window < 0 || window > LiveCredit.MAX_WINDOW) {
            throw new IllegalStateException("lockstep.c2.link.live-credit must be 0.." + LiveCredit.MAX_WINDOW
                    + " (0: off), got " + window);
        }
        int capacity = config.link().liveCreditPool();
        if (capacity < 0) {
            throw new IllegalStateException("lockstep.c2.link.live-credit-pool must be >= 0 (0: no C2-wide bound), got "
                    + capacity);
        }
        if (config.link().liveCreditIdleAfter().toMillis() < 4) {
            // The sweep runs every quarter of it: shorter would sweep every millisecond and free every node's credit.
            throw new IllegalStateException("lockstep.c2.link.live-credit-idle-after must be at least 4ms, got "
                    + config.link().liveCreditIdleAfter());
        }
        this.pool = new LiveCreditPool(capacity, config.link().liveCreditIdleAfter().toMillis(), clock::millis);
        metrics.watch(pool::inFlight, pool::waiting);
        if (capacity > 0) {
            long sweepMs = Math.max(1, config.link().liveCreditIdleAfter().toMillis() / 4);
            sweeps = Infrastructure.getDefaultWorkerPool().scheduleAtFixedRate(this::sweep, sweepMs, sweepMs,
                    TimeUnit.MILLISECONDS);
        } else {
            sweeps = null;
        }
    }

    private void sweep() {
        try {
            pool.sweep();
        } catch (RuntimeException e) {
            // A failed sweep must not end the schedule (a periodic task that throws is never run again).
            LOG.warnf(e, "live-credit pool sweep failed");
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (sweeps != null) {
            sweeps.cancel(false);
        }
    }

    /** At the node's Hello: opens its session's credit account if it asked for credit and credit is on. */
    void open(LinkSession session, Hello hello) {
        if (hello.getLiveCredit() && window > 0) {
            LiveCreditAccount account = new LiveCreditAccount(window, samples -> {
                session.send(C2ToEdge.newBuilder().setLiveCredit(LiveSampleCredit.newBuilder().setSamples(samples)).build());
                metrics.granted();
            });
            session.creditLiveSamples(account);
            pool.open(account);
            if (session.closed()) {
                // Its stream ended while the Hello was handled: the disconnect may not have seen the account.
                pool.closed(account);
            }
        }
    }

    /** A live (not spooled) sample of the session's node was processed: its credit goes back when the pool allows. */
    void processed(LinkSession session) {
        LiveCreditAccount account = session.liveCredit();
        if (account != null) {
            pool.processed(account);
        }
    }

    /** Credit counted in the C2-wide pool now (the lockstep_c2_link_live_credit_in_flight gauge). */
    int inFlight() {
        return pool.inFlight();
    }

    /** The session's stream ended: the credit its node held goes back to the pool. */
    void closed(LinkSession session) {
        LiveCreditAccount account = session.liveCredit();
        if (account != null) {
            pool.closed(account);
        }
    }
}
