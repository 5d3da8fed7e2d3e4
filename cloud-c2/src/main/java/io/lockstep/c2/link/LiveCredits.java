package io.lockstep.c2.link;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.metrics.LiveCreditMetrics;
import io.lockstep.proto.link.LiveCredit;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.Hello;
import io.lockstep.proto.v1.LiveSampleCredit;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Live-sample credit on the link ({@code lockstep.c2.link.live-credit}, docs/wire-contracts.md): a node that asks
 * for it in its Hello gets a window of credit in its Welcome and one LiveSampleCredit per batch of live samples C2
 * has processed ({@link LiveCreditAccount}). Why: a node that sends live samples only while it holds credit has at
 * most a window of them in flight, so the sample C2 reads is at most a window old however slowly C2 reads; without
 * it every stream held a flow-control window of stale samples (docs/dashboard.md).
 */
@Startup
@ApplicationScoped
public class LiveCredits {

    private final int window;
    private final LiveCreditMetrics metrics;

    public LiveCredits(C2Config config, LiveCreditMetrics metrics) {
        this.window = config.link().liveCredit();
        this.metrics = metrics;
        if (window < 0 || window > LiveCredit.MAX_WINDOW) {
            throw new IllegalStateException("lockstep.c2.link.live-credit must be 0.." + LiveCredit.MAX_WINDOW
                    + " (0: off), got " + window);
        }
    }

    /** At the node's Hello: opens its session's credit account if it asked for credit and credit is on. */
    void open(LinkSession session, Hello hello) {
        if (hello.getLiveCredit() && window > 0) {
            session.creditLiveSamples(new LiveCreditAccount(window));
        }
    }

    /** A live (not spooled) sample of the session's node was processed: returns credit when a batch is due. */
    void processed(LinkSession session) {
        LiveCreditAccount account = session.liveCredit();
        if (account == null) {
            return;
        }
        int grant = account.processed();
        if (grant > 0) {
            session.send(C2ToEdge.newBuilder().setLiveCredit(LiveSampleCredit.newBuilder().setSamples(grant)).build());
            metrics.granted();
        }
    }
}
