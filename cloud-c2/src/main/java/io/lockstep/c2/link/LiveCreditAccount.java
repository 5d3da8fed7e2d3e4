package io.lockstep.c2.link;

import io.lockstep.proto.link.LiveCredit;
import java.util.function.IntConsumer;

/**
 * C2's side of one stream's live-sample credit (docs/wire-contracts.md, "Live-sample credit"): the node starts
 * with a window of credit (Welcome.live_credit), each live sample C2 processes uses one, and C2 returns what was
 * used in batches of at least half the window (rounded up), so that C2 sends one LiveSampleCredit per few samples
 * rather than one per sample. When the credit goes back is {@link LiveCreditPool}'s decision.
 *
 * <p>Bounded whatever the node sends: only a processed sample uses credit, and only credit the node was given
 * ({@link #use()} is false once none is outstanding), so a node that ignores its credit is never owed more than
 * its window. Guarded by the pool's lock.
 */
final class LiveCreditAccount {

    private final int window;
    private final int batch;
    private final IntConsumer grants;
    /** Credit given to the node (the window at Welcome, then grants) that no processed sample has used yet. */
    private int outstanding;
    /** C2's clock (ms) when a processed sample last used this account's credit, or C2 last gave it some. */
    long lastActiveMs;
    /** In the pool's line for a grant. */
    boolean waiting;
    /** Not counted in flight by the pool: the node held its credit unused for a while (see the pool). */
    boolean idle;
    boolean closed;

    /** {@code grants} sends a LiveSampleCredit with that many samples to the node. */
    LiveCreditAccount(int window, IntConsumer grants) {
        if (window < 1 || window > LiveCredit.MAX_WINDOW) {
            throw new IllegalArgumentException("live-sample credit window must be 1.." + LiveCredit.MAX_WINDOW
                    + ", got " + window);
        }
        this.window = window;
        this.batch = (window + 1) / 2;
        this.grants = grants;
        this.outstanding = window;
    }

    int window() {
        return window;
    }

    int outstanding() {
        return outstanding;
    }

    /** A live sample was processed: true when it used credit the node had been given, false when none was left. */
    boolean use() {
        if (outstanding == 0) {
            return false;
        }
        outstanding--;
        return true;
    }

    /** Credit due back to the node now: what its processed samples used, once that is at least a batch; else 0. */
    int due() {
        int used = window - outstanding;
        return used >= batch ? used : 0;
    }

    void granted(int samples) {
        assert samples > 0 && outstanding + samples <= window : "a grant above the window";
        outstanding += samples;
    }

    /** Sends a grant to the node; called outside the pool's lock. */
    void send(int samples) {
        grants.accept(samples);
    }
}
