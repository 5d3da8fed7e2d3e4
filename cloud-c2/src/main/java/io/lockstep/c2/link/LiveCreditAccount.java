package io.lockstep.c2.link;

import io.lockstep.proto.link.LiveCredit;

/**
 * C2's side of one stream's live-sample credit (docs/wire-contracts.md, "Live-sample credit"): the node starts
 * with a window of credit (Welcome.live_credit) and C2 returns one credit per live sample it has processed, in
 * batches of half the window (rounded up), so that C2 sends one LiveSampleCredit per few samples rather than one
 * per sample, and a node that spent its window gets credit back while the rest of its samples are still being
 * read.
 *
 * <p>Bounded whatever the node sends: credit is returned only for samples C2 has processed, one each, and nothing
 * a node sends asks for credit; a node that ignores its credit only ever meets HTTP/2 flow control, as before.
 */
final class LiveCreditAccount {

    private final int window;
    private final int batch;
    /** Credit earned by processed samples and not yet returned to the node. */
    private int earned;

    LiveCreditAccount(int window) {
        if (window < 1 || window > LiveCredit.MAX_WINDOW) {
            throw new IllegalArgumentException("live-sample credit window must be 1.." + LiveCredit.MAX_WINDOW
                    + ", got " + window);
        }
        this.window = window;
        this.batch = (window + 1) / 2;
    }

    int window() {
        return window;
    }

    /**
     * A live sample of this node was processed. Returns the credit to send back now in one LiveSampleCredit, or
     * 0 while the batch is not full.
     */
    synchronized int processed() {
        earned++;
        if (earned < batch) {
            return 0;
        }
        int grant = earned;
        earned = 0;
        return grant;
    }
}
