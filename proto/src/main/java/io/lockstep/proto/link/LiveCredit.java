package io.lockstep.proto.link;

import io.lockstep.proto.v1.EdgeToC2;

/**
 * The live-sample credit a sender holds on one link stream (docs/wire-contracts.md, "Live-sample credit"). C2
 * announces a window in {@code Welcome.live_credit} (0: no credit limit, an older C2) and returns credit with
 * {@code LiveSampleCredit} as it processes live samples. A live sample goes out only while credit is held, so at
 * most a window of live samples is ever in flight towards C2, however slowly C2 reads. Shared by the edge node's
 * link client and the dashboard benchmark's simulated nodes; only live samples spend credit (spooled samples,
 * status, acks, heartbeats and uploads never wait for it).
 *
 * <p>What C2 sends is not trusted: the window is clamped to {@link #MAX_WINDOW} and the credit held never rises
 * above the window, whatever a {@code LiveSampleCredit} says.
 */
public final class LiveCredit {

    /** The largest window a sender accepts; C2's setting is bounded by it too. */
    public static final int MAX_WINDOW = 64;

    /** No live sample goes out before the stream's Welcome (a node's link sends none before it either). */
    private boolean welcomed;
    private int window;
    private int held;

    /** Starts a stream's credit from its {@code Welcome.live_credit} (unsigned on the wire); 0: not limited. */
    public synchronized void welcome(int announcedWindow) {
        window = (int) Math.min(Integer.toUnsignedLong(announcedWindow), MAX_WINDOW);
        held = window;
        welcomed = true;
    }

    /** Adds credit C2 returned ({@code LiveSampleCredit.samples}, unsigned), never above the window. */
    public synchronized void grant(int samples) {
        held = (int) Math.min(window, held + Integer.toUnsignedLong(samples));
    }

    /** Whether a live sample may go out now: after Welcome, with credit held or on a stream without a limit. */
    public synchronized boolean available() {
        return welcomed && (window == 0 || held > 0);
    }

    /** Credit held now; 0 when the stream is not credit-limited (see {@link #window()}). */
    public synchronized int held() {
        return held;
    }

    /** The window C2 announced, clamped; 0 when the stream is not credit-limited. */
    public synchronized int window() {
        return window;
    }

    private synchronized boolean spend() {
        if (!available()) {
            return false;
        }
        if (window == 0) {
            return true;
        }
        held--;
        return true;
    }

    private synchronized void refund() {
        if (window > 0) {
            held = Math.min(window, held + 1);
        }
    }

    /**
     * {@code stream} for live samples, gated by this credit: ready only while it is ready and credit is held;
     * each live sample handed to it spends one credit.
     */
    public LatestLiveSample.Stream gate(LatestLiveSample.Stream stream) {
        return new LatestLiveSample.Stream() {
            @Override
            public boolean ready() {
                return available() && stream.ready();
            }

            @Override
            public boolean send(EdgeToC2 message) {
                if (!spend()) {
                    return false;
                }
                if (stream.send(message)) {
                    return true;
                }
                refund();
                return false;
            }
        };
    }
}
