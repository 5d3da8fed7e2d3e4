package io.lockstep.cli.bench.dashboard;

/**
 * The most heap C2 reported over a run's scrapes. A scrape that did not answer (NaN: C2's metrics endpoint is
 * slow under a full fleet) is counted, not taken as the peak: {@code Math.max} with NaN would hide every scrape
 * that did answer.
 */
final class HeapPeak {
    private double mostMib = Double.NaN;
    private int scrapes;
    private int unanswered;

    void add(double mib) {
        scrapes++;
        if (Double.isNaN(mib)) {
            unanswered++;
        } else if (Double.isNaN(mostMib) || mib > mostMib) {
            mostMib = mib;
        }
    }

    /** The peak in MiB; NaN when no scrape answered. */
    double mostMib() {
        return mostMib;
    }

    /** What the figure's detail says of the scrapes behind it. */
    String describe() {
        return scrapes - unanswered + " of " + scrapes + " scrapes answered";
    }
}
